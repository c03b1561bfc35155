import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import type { IncomingMessage } from "node:http";
import {
  closeRedis,
  createLogger,
  createRedis,
  type JsonOfBody,
  type Logger,
  maskErrors,
  readTlsFiles,
  type RedisClient,
  type RunningService,
  SessionStore,
  sessionLifetimes,
  type Settings,
  startHttpService,
  type StaticPage,
} from "@oa/platform";
import { apolloLogger } from "./apollo-logger";
import { gatewayPlugins } from "./apollo-plugins";
import { LOCAL_EXPLORER_PATH, localExplorerPages } from "./local-explorer";
import { createGatewayContext, type GatewayContext } from "./context";
import { operationLimitRules } from "./operation-limits";
import { supportedOperationTypesRule } from "./operation-types";
import { MAX_REQUEST_BYTES, PARSE_LIMITS, PARSE_LIMITS_BOUNDS } from "./parse-limits";
import { gatewayReadiness } from "./readiness";
import { sessionCookiesPlugin } from "./session-cookies.plugin";
import { SubgraphDataSource } from "./subgraph-data-source";
import { createSubgraphFetch, type SubgraphFetcher } from "./subgraph-fetch";
import { loadSupergraph } from "./supergraph";
import { readTrustedDocumentsManifest, TrustedDocuments, trustedDocumentsCache, trustedDocumentsGate } from "./trusted-documents";

export { bearerToken } from "./bearer-token";
export type { GatewayContext } from "./context";
export { DEFAULT_OPERATION_LIMITS, type OperationLimits, operationLimitRules } from "./operation-limits";
export type { SubgraphFetcher } from "./subgraph-fetch";
export * from "./trusted-documents";
export { loadSupergraph, overrideRoutingUrls, readSupergraphFile, SUPERGRAPH_FILE, type Supergraph, type SubgraphRoute } from "./supergraph";

export interface GatewayOptions {
  logger?: Logger;
  /** Shared client (the embedded store); left open on close. By default one is made from the settings and closed with the gateway. */
  redis?: RedisClient;
  /** A supergraph to serve instead of the committed schema/supergraph.graphql. */
  supergraphSdl?: string;
  /** The fetch every subgraph call goes through (benchmarks compare against one); by default the keep-alive pool, closed with the gateway. */
  subgraphFetcher?: SubgraphFetcher;
  /** Where sessions are looked up (benchmarks compare stores that slide differently); by default one made from the settings. */
  sessions?: SessionStore;
  /** Pages served beside /graphql, by path (the web page, in development only: refused in production). */
  pages?: ReadonlyMap<string, StaticPage>;
  /** The documents run by hash, and alone with TRUSTED_DOCUMENTS_ONLY; by default schema/trusted-documents.json. */
  trustedDocuments?: TrustedDocuments;
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
  if (options.pages && settings.production) throw new Error("the web page is served in development only, never in production");
  const logger = options.logger ?? createLogger(settings.logLevel, { service: "gateway" });
  const supergraph = loadSupergraph(settings, options.supergraphSdl);
  const redis = options.redis ?? createRedis(settings, "gateway", logger);
  const sessions = options.sessions ?? new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings));
  const pool = options.subgraphFetcher ? undefined : createSubgraphFetch();
  const fetcher = options.subgraphFetcher ?? pool!.fetcher;
  const trusted = options.trustedDocuments ?? new TrustedDocuments(readTrustedDocumentsManifest(), PARSE_LIMITS_BOUNDS);
  // GraphiQL from the project's own packages, in development only: Sandbox needs Apollo's CDN.
  const explorer = settings.production ? null : localExplorerPages();
  const pages = explorer ? new Map([...explorer, ...(options.pages ?? [])]) : options.pages;

  // Unless told otherwise, @apollo/gateway sends the host's uptime, CPU and memory figures to
  // Apollo's cloud every hour and at every stop; nothing of this bank's leaves by default.
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
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
    // Apollo's CSRF prevention would refuse every plain GET query, bearer ones too; the same rule
    // applies to cookies alone instead: a request's cookies count only when it was preflighted
    // (cookie-requests.ts), so plain GET queries with a bearer token keep working (contract).
    csrfPrevention: false,
    // A hash is looked up among the trusted documents, never registered (docs/decisions/0021).
    persistedQueries: { cache: trustedDocumentsCache(trusted) },
    parseOptions: PARSE_LIMITS,
    plugins: [...gatewayPlugins(settings.production, explorer ? LOCAL_EXPLORER_PATH : null), sessionCookiesPlugin()],
  });

  let running: RunningService | undefined;
  return {
    async listen(port, host) {
      if (running) throw new Error("the gateway is already listening");
      running = await startHttpService<GatewayContext>({
        name: "gateway",
        // Any origin without credentials (bearer tokens); WEB_ORIGINS alone with the cookies.
        cors: { credentialedOrigins: settings.webOrigins },
        pages,
        port,
        host: host ?? settings.host,
        tls: readTlsFiles(settings),
        maxBodyBytes: MAX_REQUEST_BYTES,
        apollo,
        logger,
        context: gatewayContextFrom(
          settings.trustedDocumentsOnly ? trustedDocumentsGate(trusted) : undefined,
          createGatewayContext({
            sessions,
            logger,
            trustedProxies: settings.trustedProxies,
            cookies: { webOrigins: settings.webOrigins, tls: settings.tlsCertFile !== undefined },
          }),
        ),
        readiness: gatewayReadiness(redis, supergraph.subgraphs),
      });
      return running;
    },
    async close() {
      await running?.close();
      await pool?.destroy();
      if (!options.redis) await closeRedis(redis);
    },
  };
}

/**
 * The http service's context callback (request, body, response, json) from the gateway's (request,
 * response), after the trusted-documents gate when there is one: an untrusted document is refused
 * before anything else, the session look-up included.
 */
function gatewayContextFrom(gate: ((request: IncomingMessage, body: string, json?: JsonOfBody) => void) | undefined, build: ReturnType<typeof createGatewayContext>) {
  return async (request: IncomingMessage, body: string, response: NonNullable<Parameters<typeof build>[1]>, json: JsonOfBody) => {
    gate?.(request, body, json);
    return build(request, response);
  };
}
