import { type ApolloServer, type BaseContext, HeaderMap } from "@apollo/server";
import type { Span } from "@opentelemetry/api";
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { type AddressInfo, isIPv6 } from "node:net";
import type { Logger } from "./logger";
import { metricsOfService, type ServiceMetrics } from "./metrics";
import { requestOutcomePlugin } from "./request-outcome.plugin";
import { openRequestScope, REQUEST_ID_HEADER, type RequestScope, runInRequestScope } from "./request-scope";
import { inServerSpan } from "./server-span";
import { allowPageResources, setSecurityHeaders } from "./security-headers";
import type { TlsCredentials } from "./tls-files";

/** Largest request body accepted unless a service says less; larger ones get 413 before any parsing. */
export const MAX_BODY_BYTES = 100 * 1024;

/**
 * A request's body parsed as JSON on first use, and only then: undefined when it is not JSON. Every
 * reader of one request (the context's checks, then Apollo) shares the one parse.
 */
export type JsonOfBody = () => unknown;

export function jsonOfBody(body: string): JsonOfBody {
  let parsed: { value: unknown } | undefined;
  return () => {
    if (!parsed) {
      try {
        parsed = { value: JSON.parse(body) };
      } catch {
        parsed = { value: undefined };
      }
    }
    return parsed.value;
  };
}

/** A readiness check: resolves when the dependency answers, rejects otherwise. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

/** Thrown by `context` to answer with an HTTP status instead of running the operation. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The `extensions.code` to answer with; by default UNAUTHENTICATED for 401, else BAD_REQUEST. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface HttpServiceOptions<TContext extends BaseContext> {
  name: string;
  port: number;
  /** The address to listen on; by default loopback only. */
  host?: string;
  /** A certificate chain and key: the service then speaks HTTPS only, and sends HSTS. */
  tls?: TlsCredentials;
  /** Largest request body accepted [MAX_BODY_BYTES]. */
  maxBodyBytes?: number;
  apollo: ApolloServer<TContext>;
  /**
   * Builds the operation's context from the request and its whole body (as received); throw
   * HttpError to refuse the request. `response` is the answer, for headers Apollo cannot carry
   * (Set-Cookie); `json` the body parsed, parsed once for the context and Apollo alike.
   */
  context: (request: IncomingMessage, body: string, response: ServerResponse, json: JsonOfBody) => Promise<TContext>;
  readiness: ReadinessChecks;
  logger: Logger;
  /**
   * CORS on /graphql: `true` answers preflights and lets any origin call without credentials (a
   * bearer-token API); `credentialedOrigins` (WEB_ORIGINS) may in addition send cookies.
   */
  cors?: boolean | CorsPolicy;
  /** Files answered as they are, by path, for GET (the gateway's web page in development). */
  pages?: ReadonlyMap<string, StaticPage>;
  /** The counters served on /metrics; null: none (no /metrics). By default the service's own, unless METRICS_ENABLED=false. */
  metrics?: ServiceMetrics | null;
}

export interface CorsPolicy {
  /** The only origins answered with Access-Control-Allow-Credentials (their own origin echoed); every other gets `*` without. */
  credentialedOrigins: readonly string[];
}

/** A file served by path. */
export interface StaticPage {
  contentType: string;
  body: string | Buffer;
  /** Its Content-Security-Policy, in place of the API's `default-src 'none'`. */
  contentSecurityPolicy: string;
}

export interface RunningService {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

// Longer than any client's idle keep-alive (the gateway's pool keeps sockets 30 s), so the
// server never closes a socket the client is about to reuse ('socket hang up').
const KEEP_ALIVE_MS = 65_000;
const READINESS_TIMEOUT_MS = 2_000;
/**
 * How long a stop lets the requests under way finish before it cuts their connections: well
 * inside runService's 10 s, so that the process still closes its database and Redis and exits 0.
 */
export const DRAIN_MS = 5_000;
// While draining, connections that have just finished a request are closed this often.
const DRAIN_SWEEP_MS = 50;

/**
 * Serves `/graphql` (through Apollo), `/healthz`, `/readyz` and `/metrics` on Node's own HTTP
 * server, so the body limit, the 401, the health routes, the request's scope (request id, trace id,
 * counters) and the request metrics are the same for the gateway and every subgraph.
 */
export async function startHttpService<TContext extends BaseContext>(options: HttpServiceOptions<TContext>): Promise<RunningService> {
  const { apollo, logger } = options;
  const metrics = options.metrics === undefined ? metricsOfService(options.name) : options.metrics;
  // Set by close(): every answer from then on closes its connection, and /readyz says so.
  let draining = false;
  const serve = (request: IncomingMessage, response: ServerResponse, span?: Span) => {
    // Every log line, metric and outgoing call while serving this request sees its scope.
    const scope = openRequestScope(request, metrics, span);
    response.setHeader(REQUEST_ID_HEADER, scope.requestId);
    return runInRequestScope(scope, () =>
      handle(options, metrics, scope, request, response, () => draining).catch((error: unknown) => {
        logger.error("request failed", { error: error instanceof Error ? error.message : String(error) });
        if (!response.headersSent) sendJson(response, 500, errorBody("Something went wrong.", "INTERNAL_SERVER_ERROR"));
        else response.destroy();
      }),
    );
  };
  const listener: RequestListener = (request, response) => {
    setSecurityHeaders(response, options.tls !== undefined);
    if (draining) response.setHeader("connection", "close");
    // GraphQL requests are traced (health checks, scrapes and preflights would drown the traces).
    const traced = request.method !== "OPTIONS" && (request.url ?? "/").split("?")[0] === "/graphql";
    void (traced ? inServerSpan(request, response, options.name, (span) => serve(request, response, span)) : serve(request, response));
  };
  // Before Apollo starts: a certificate that cannot be used leaves nothing running.
  const server = options.tls ? createTlsServerFor(options.tls, listener) : createServer(listener);
  apollo.addPlugin(requestOutcomePlugin());
  await apollo.start();
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  server.requestTimeout = 30_000;

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? "https" : "http"}://${reachableHost(host)}:${port}/graphql`;
  logger.info("listening", { service: options.name, url });

  return {
    url,
    port,
    server,
    /**
     * Drains, then stops: no new connection is accepted, idle ones are closed at once, each request
     * under way is answered (its connection closed after it), and past DRAIN_MS whatever is left
     * is cut; then Apollo stops.
     */
    async close() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A keep-alive request that was already on its way when the stop began is answered, and its
      // connection closed right after (Connection: close); those idle by then are closed here.
      const sweep = setInterval(() => server.closeIdleConnections(), DRAIN_SWEEP_MS);
      const deadline = setTimeout(() => {
        logger.warn("requests still under way after the drain time: their connections are cut", { service: options.name, drainMs: DRAIN_MS });
        server.closeAllConnections();
      }, DRAIN_MS);
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(deadline);
      }
      await apollo.stop();
    },
  };
}

async function handle<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
  metrics: ServiceMetrics | null,
  scope: RequestScope,
  request: IncomingMessage,
  response: ServerResponse,
  draining: () => boolean,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/healthz") return sendJson(response, 200, { status: "ok", service: options.name });
  // Stopping: whoever balances the load sends no more here.
  if (url.pathname === "/readyz" && draining()) return sendJson(response, 503, { status: "stopping", service: options.name });
  if (url.pathname === "/readyz") return ready(options, response);
  // Before CORS: no browser page elsewhere may read it (scrapers need no CORS).
  if (url.pathname === "/metrics" && metrics) return sendMetrics(metrics, request, response);
  const page = options.pages?.get(url.pathname);
  if (page && (request.method === "GET" || request.method === "HEAD")) return sendPage(response, page, request.method === "HEAD");
  if (url.pathname !== "/graphql") return sendJson(response, 404, errorBody("Not found.", "NOT_FOUND"));
  if (options.cors && answerCors(options.cors, request, response)) return;
  const started = performance.now();
  try {
    await serveGraphQL(options, scope, request, response, url);
  } finally {
    const seconds = (performance.now() - started) / 1000;
    const outcome = scope.outcome ?? (response.statusCode >= 500 ? "INTERNAL_SERVER_ERROR" : response.statusCode >= 400 ? "BAD_REQUEST" : "ok");
    metrics?.requestServed(scope.operation, outcome, seconds);
    options.logger.debug("request served", { operation: scope.operation, outcome, status: response.statusCode, ms: Math.round(seconds * 1e4) / 10 });
  }
}

/** Answers one request to /graphql (not a preflight): body limit, context (or refusal), then Apollo. */
async function serveGraphQL<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
  scope: RequestScope,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  if (request.method !== "GET" && request.method !== "POST" && request.method !== "OPTIONS") {
    response.setHeader("allow", "GET, POST");
    scope.outcome = "METHOD_NOT_ALLOWED";
    return sendJson(response, 405, errorBody("Use GET or POST.", "METHOD_NOT_ALLOWED"));
  }

  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const body = await readBody(request, maxBodyBytes);
  if (body === null) {
    response.setHeader("connection", "close");
    scope.outcome = "PAYLOAD_TOO_LARGE";
    return sendJson(response, 413, errorBody(`The request body is over ${maxBodyBytes / 1024} KB.`, "PAYLOAD_TOO_LARGE"));
  }

  const json = jsonOfBody(body);
  let context: TContext;
  try {
    context = await options.context(request, body, response, json);
  } catch (error) {
    if (error instanceof HttpError) {
      scope.outcome = error.code ?? (error.status === 401 ? "UNAUTHENTICATED" : "BAD_REQUEST");
      return sendJson(response, error.status, errorBody(error.message, scope.outcome));
    }
    throw error;
  }

  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }

  let parsed: unknown = body;
  // Only a JSON body is parsed: what a form or a simple cross-site request sends runs nothing.
  if (request.method === "POST" && mediaTypeOf(headers.get("content-type")) === "application/json") {
    parsed = body === "" ? undefined : json();
    if (parsed === undefined && body !== "") {
      scope.outcome = "BAD_REQUEST";
      return sendJson(response, 400, errorBody("The request body is not valid JSON.", "BAD_REQUEST"));
    }
  }

  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? "GET", headers, search: url.search, body: parsed },
    context: async () => context,
  });

  for (const [name, value] of result.headers) response.setHeader(name, value);
  if (result.headers.get("content-type")?.startsWith("text/html")) allowPageResources(response);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === "complete") {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/**
 * Sets the CORS headers of an answer from /graphql, and answers a preflight (true when it did). An
 * origin of `credentialedOrigins` is echoed with Access-Control-Allow-Credentials, so its pages may
 * send cookies; any other gets `*` without credentials, which a browser never combines with cookies.
 */
function answerCors(cors: true | CorsPolicy, request: IncomingMessage, response: ServerResponse): boolean {
  const credentialed = cors === true ? [] : cors.credentialedOrigins;
  const origin = request.headers.origin;
  if (credentialed.length > 0) response.setHeader("vary", "Origin");
  if (typeof origin === "string" && credentialed.includes(origin)) {
    response.setHeader("access-control-allow-origin", origin);
    response.setHeader("access-control-allow-credentials", "true");
  } else {
    response.setHeader("access-control-allow-origin", "*");
  }
  if (request.method !== "OPTIONS") return false;
  response.writeHead(204, {
    "access-control-allow-methods": "GET, POST",
    "access-control-allow-headers": "authorization, content-type, apollo-require-preflight, x-apollo-operation-name",
    "access-control-max-age": "600",
  });
  response.end();
  return true;
}

/** The media type of a Content-Type header, without parameters, lower-cased. */
function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/** The service's counters in Prometheus text format (GET or HEAD only), never cached. */
async function sendMetrics(metrics: ServiceMetrics, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("allow", "GET, HEAD");
    return sendJson(response, 405, errorBody("Use GET.", "METHOD_NOT_ALLOWED"));
  }
  const text = await metrics.exposition();
  response.writeHead(200, { "content-type": metrics.contentType, "content-length": Buffer.byteLength(text) });
  response.end(request.method === "HEAD" ? undefined : text);
}

function sendPage(response: ServerResponse, page: StaticPage, headOnly: boolean): void {
  response.setHeader("content-security-policy", page.contentSecurityPolicy);
  response.writeHead(200, { "content-type": page.contentType, "content-length": Buffer.byteLength(page.body) });
  response.end(headOnly ? undefined : page.body);
}

/** An HTTPS server; a certificate and key that do not make a pair fail here, at start. */
function createTlsServerFor(tls: TlsCredentials, listener: RequestListener): Server {
  try {
    return createTlsServer({ cert: tls.cert, key: tls.key }, listener);
  } catch (error) {
    throw new Error(`TLS_CERT_FILE and TLS_KEY_FILE cannot serve HTTPS: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Where this machine reaches a service listening on `host`: a wildcard is reached on loopback. */
function reachableHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return isIPv6(host) ? `[${host}]` : host;
}

async function ready<TContext extends BaseContext>(options: HttpServiceOptions<TContext>, response: ServerResponse) {
  const names = Object.keys(options.readiness);
  const results = await Promise.all(
    names.map(async (name) => {
      try {
        await withTimeout(options.readiness[name](), READINESS_TIMEOUT_MS);
        return [name, "up"] as const;
      } catch {
        return [name, "down"] as const;
      }
    }),
  );
  const checks = Object.fromEntries(results);
  const down = results.filter(([, state]) => state === "down").map(([name]) => name);
  sendJson(response, down.length === 0 ? 200 : 503, {
    status: down.length === 0 ? "ready" : "unavailable",
    service: options.name,
    checks,
    ...(down.length > 0 ? { down } : {}),
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Reads the body as text, or null past `maxBodyBytes` (without buffering the rest). */
function readBody(request: IncomingMessage, maxBodyBytes: number): Promise<string | null> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBodyBytes) {
    request.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    request.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        settled = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!settled) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", (error) => {
      if (!settled) reject(error);
    });
  });
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}
