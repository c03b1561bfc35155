import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import {
  closeRedis,
  createLogger,
  createRedis,
  type Logger,
  maskErrors,
  readTlsFiles,
  type RedisClient,
  type RunningService,
  SessionStore, sessionLifetimes,
  type Settings,
  startHttpService,
} from "@oa/platform";
import { apolloLogger } from "./apollo-logger";
import { gatewayPlugins } from "./apollo-plugins";
import { createGatewayContext, type GatewayContext } from "./context";
import { operationLimitRules } from "./operation-limits";
import { supportedOperationTypesRule } from "./operation-types";
import { MAX_REQUEST_BYTES, PARSE_LIMITS } from "./parse-limits";
import { gatewayReadiness } from "./readiness";
import { SubgraphDataSource } from "./subgraph-data-source";
import { createSubgraphFetch, type SubgraphFetcher } from "./subgraph-fetch";
import { loadSupergraph } from "./supergraph";

export type { GatewayContext } from "./context";
export { DEFAULT_OPERATION_LIMITS, type OperationLimits, operationLimitRules } from "./operation-limits";
export type { SubgraphFetcher } from "./subgraph-fetch";
export { loadSupergraph, overrideRoutingUrls, readSupergraphFile, SUPERGRAPH_FILE, type Supergraph, type SubgraphRoute } from "./supergraph";

export interface GatewayOptions {
  logger?: Logger;
  /** Shared client (the embedded store); left open on close. By default one is made from the settings and closed with the gateway. */
  redis?: RedisClient;
  /** A supergraph to serve instead of the committed schema/supergraph.graphql. */
  supergraphSdl?: string;
  /** The fetch every subgraph call goes through (benchmarks compare against one); by default the keep-alive pool, closed with the gateway. */
  subgraphFetcher?: SubgraphFetcher;
}

/** The gateway, built but not yet listening, so tests and `npm start` run it in-process. */
export interface Gateway {
  listen(port: number, host?: string): Promise<RunningService>;
  close(): Promise<void>;
}

/**
 * Builds the Apollo Gateway over the static supergraph (query plans are cached by the gateway),
 * with the session look-up, the signed subgraph fetches over a keep-alive pool, the operation
 * limits and masked errors.
 */
export function createGateway(settings: Settings, options: GatewayOptions = {}): Gateway {
  const logger = options.logger ?? createLogger(settings.logLevel, { service: "gateway" });
  const supergraph = loadSupergraph(settings, options.supergraphSdl);
  const redis = options.redis ?? createRedis(settings, "gateway", logger);
  const sessions = new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings));
  const pool = options.subgraphFetcher ? undefined : createSubgraphFetch();
  const fetcher = options.subgraphFetcher ?? pool!.fetcher;

  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.sdl,
    logger: apolloLogger(logger),
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        // loadSupergraph already wrote the deployment's URLs into the SDL.
        url: url ?? "",
        gatewaySecret: settings.gatewaySecret,
        fetcher,
        logger,
      }),
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: apolloLogger(logger),
    formatError: maskErrors(logger, { production: settings.production }),
    includeStacktraceInErrorResponses: false,
    // runService owns SIGINT/SIGTERM; Apollo's own handler would re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
    introspection: !settings.production,
    hideSchemaDetailsFromClientErrors: settings.production,
    validationRules: [...operationLimitRules(), supportedOperationTypesRule],
    // Sessions travel only in the Authorization header, never in cookies, so a browser cannot be
    // made to send one cross-site: CSRF does not apply, and plain GET queries work (contract).
    csrfPrevention: false,
    // Clients send full documents; no automatic persisted queries (a request with one gets a 400).
    persistedQueries: false,
    parseOptions: PARSE_LIMITS,
    plugins: gatewayPlugins(settings.production),
  });

  let running: RunningService | undefined;
  return {
    async listen(port, host) {
      if (running) throw new Error("the gateway is already listening");
      running = await startHttpService<GatewayContext>({
        name: "gateway",
        cors: true,
        port,
        host: host ?? settings.host,
        tls: readTlsFiles(settings),
        maxBodyBytes: MAX_REQUEST_BYTES,
        apollo,
        logger,
        context: createGatewayContext({ sessions, logger, trustedProxies: settings.trustedProxies }),
        readiness: gatewayReadiness(redis, supergraph.subgraphs),
      });
      return running;
    },
    async close() {
      await running?.close();
      pool?.destroy();
      if (!options.redis) await closeRedis(redis);
    },
  };
}
