import type { ApolloServerPlugin } from "@apollo/server";
import { hasHandover, SESSION_HANDOVER_EXTENSION, type SessionHandover } from "@oa/platform";

/**
 * Puts what the request's resolvers handed over (a cookie session's token, a registered device's
 * token, the end of the request's own session) into the response's extensions, for the gateway
 * alone: it takes them out and sets or clears the cookies; nothing of them reaches the client.
 */
export function sessionHandoverPlugin<TContext extends { handover: SessionHandover }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single" || !hasHandover(contextValue.handover)) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [SESSION_HANDOVER_EXTENSION]: contextValue.handover };
        },
      };
    },
  };
}
