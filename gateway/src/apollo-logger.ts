import type { ApolloServerOptions, BaseContext } from "@apollo/server";
import type { Logger } from "@oa/platform";

/** The logger interface Apollo Server and Apollo Gateway both take. */
export type ApolloLogger = NonNullable<ApolloServerOptions<BaseContext>["logger"]>;

/** Apollo Server's and Apollo Gateway's own messages, written through the service's logger. */
export function apolloLogger(logger: Logger): ApolloLogger {
  const text = (message: unknown) => (message instanceof Error ? message.message : String(message));
  return {
    debug: (message) => logger.debug(text(message)),
    info: (message) => logger.info(text(message)),
    warn: (message) => logger.warn(text(message)),
    error: (message) => logger.error(text(message)),
  };
}
