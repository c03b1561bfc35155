import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import { CredentialNonces } from "./credential-nonces";
import { migrate } from "./database";
import { countMutationResults } from "./mutation-results";
import { maskErrors } from "./errors";
import type { FieldSigner } from "./field-signers";
import type { GatewayCredential } from "./gateway-credential";
import { type RunningService, startHttpService } from "./http-service";
import type { Logger } from "./logger";
import { closeRedis, type RedisClient } from "./redis";
import { SessionStore, sessionLifetimes } from "./sessions";
import type { Settings } from "./settings";
import { createSubgraphAdmission } from "./subgraph-admission";

/** A subgraph ready to migrate and listen; built apart from listening so tests run it in-process. */
export interface SubgraphService {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  redis: RedisClient;
  /** Connects to the database (if needed) and runs pending migrations. */
  migrate(): Promise<void>;
  listen(port: number, host?: string): Promise<RunningService>;
  close(): Promise<void>;
}

export interface SubgraphServiceOptions<TContext extends object> {
  name: string;
  /** The PostgreSQL schema the subgraph owns. */
  databaseSchema: string;
  settings: Settings;
  logger: Logger;
  schema: GraphQLSchema;
  dataSource: DataSource;
  redis: RedisClient;
  /** True when the subgraph made `redis` itself, so close() closes it; a shared client is closed by whoever made it. */
  ownsRedis: boolean;
  /** Signers besides the gateway, each admitted for its own fields only (identity's support desk). */
  fieldSigners?: readonly FieldSigner[];
  /** Apollo plugins of the subgraph's own (identity's session handover), after the common ones. */
  plugins?: ApolloServerPlugin<TContext>[];
  /**
   * Builds the per-request context (loaders are created here, once per request) from the admitted
   * credential: its session is null when expired, or for a mutation when no longer live.
   */
  context: (credential: GatewayCredential) => TContext;
}

/**
 * The Apollo plugins every subgraph runs with: none of Apollo's per-request or per-field
 * instrumentation. No usage reporting to Apollo's cloud, so inline traces would only cost time per
 * request; no cache hints either: no type or field has one and nothing reads them (the gateway
 * answers no-store), while the plugin would wrap every field's resolution to compute them.
 */
export function subgraphApolloPlugins<TContext extends object>(): ApolloServerPlugin<TContext>[] {
  return [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()];
}

export function createSubgraphService<TContext extends object>(options: SubgraphServiceOptions<TContext>): SubgraphService {
  const { name, settings, logger, schema, dataSource, redis } = options;
  let running: RunningService | undefined;
  const admit = createSubgraphAdmission({
    audience: name,
    secret: settings.gatewaySecret,
    sessions: new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings)),
    nonces: new CredentialNonces(redis, settings.redisKeyPrefix, name),
    logger,
    fieldSigners: options.fieldSigners,
  });

  const connect = async () => {
    if (!dataSource.isInitialized) await dataSource.initialize();
  };

  return {
    name,
    schema,
    dataSource,
    redis,
    async migrate() {
      await connect();
      await migrate(dataSource, options.databaseSchema);
    },
    async listen(port, host) {
      await connect();
      const apollo = new ApolloServer<TContext>({
        // What each root mutation answered counts into the service's metrics (mutation-results.ts).
        schema: countMutationResults(schema),
        formatError: maskErrors(logger, { production: settings.production }),
        includeStacktraceInErrorResponses: false,
        // runService owns SIGINT/SIGTERM; Apollo's own handler would re-raise the signal (exit 143).
        stopOnTerminationSignals: false,
        plugins: [...subgraphApolloPlugins<TContext>(), ...(options.plugins ?? [])],
      });
      running = await startHttpService<TContext>({
        name,
        port,
        host: host ?? settings.host,
        apollo,
        logger,
        context: async (request, body, _response, json) => options.context(await admit(request, body, json)),
        readiness: {
          database: () => dataSource.query("SELECT 1"),
          redis: () => redis.ping(),
        },
      });
      return running;
    },
    async close() {
      await running?.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      if (options.ownsRedis) await closeRedis(redis);
    },
  };
}
