// Helpers for tests that run against the real PostgreSQL and Redis (never mocks).
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { type ForwardedSession, GATEWAY_CREDENTIAL_HEADER, signGatewayCredential } from "./gateway-credential";
import { soleRootField } from "./graphql-operation";
import { freeLoopbackPort } from "./loopback-port";
import { loadSettings, type Settings } from "./settings";

export { type LocalRedisCluster, localRedisClusterUnavailable, startLocalRedisCluster } from "./local-redis-cluster";
export { freeLoopbackPort } from "./loopback-port";

/** A server where tests may create and drop databases. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `oa_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Settings for a test: real servers, a Redis prefix of its own, quiet logs. */
export function testSettings(overrides: Partial<Settings> = {}, env: Record<string, string> = {}): Settings {
  return {
    ...loadSettings({ NODE_ENV: "test", LOG_LEVEL: "silent", ...env }),
    redisUrl: TEST_REDIS_URL,
    redisKeyPrefix: `oa-test-${randomBytes(4).toString("hex")}:`,
    ...overrides,
  };
}

/** Headers for one request with exactly this body (and path, "/graphql" unless given). */
export type RequestSigner = (body: string, path?: string) => Record<string, string>;

/**
 * Signs requests to the subgraph `audience` as the gateway would, or as `caller` would (such as
 * "identity", the one service allowed the internal fields; the purpose is then the field the body
 * calls, as InternalClient names it). Each call signs one request: pass the exact body.
 */
export function gatewayHeaders(settings: Settings, audience: string, session: ForwardedSession | null = null, caller = "gateway"): RequestSigner {
  return (body, path = "/graphql") => {
    const purpose = caller === "gateway" ? null : purposeOf(body);
    return {
      "content-type": "application/json",
      [GATEWAY_CREDENTIAL_HEADER]: signGatewayCredential(settings.gatewaySecret, { caller, session, clientIp: "127.0.0.1", purpose }, { audience, method: "POST", path, body }),
    };
  };
}

function purposeOf(body: string): string | null {
  const { query, operationName } = JSON.parse(body) as { query?: string; operationName?: string };
  return typeof query === "string" ? soleRootField(query, operationName) : null;
}

/** POSTs one GraphQL operation and returns the parsed body and status; `headers` may sign the exact body sent. */
export async function postGraphQL<T = unknown>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> | RequestSigner = { "content-type": "application/json" },
): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const body = JSON.stringify({ query, variables });
  const { pathname, search } = new URL(url);
  const response = await fetch(url, { method: "POST", headers: typeof headers === "function" ? headers(body, pathname + search) : headers, body });
  return { status: response.status, body: (await response.json()) as never };
}

/** A loopback port where nothing listens (it was free a moment ago), for tests of an outage. */
export const deadPort = freeLoopbackPort;

/** The value of one series in Prometheus text, e.g. `oa_locks_total{guard="login",service="identity"}`, labels in any order; 0 when absent. */
export function metricValue(text: string, series: string): number {
  const [, name, labels = ""] = /^([^{]+)(?:\{(.*)\})?$/.exec(series)!;
  const wanted = labels.split(",").filter(Boolean).sort().join(",");
  for (const line of text.split("\n")) {
    const match = /^([^{ ]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match && match[1] === name && (match[2] ?? "").split(",").filter(Boolean).sort().join(",") === wanted) return Number(match[3]);
  }
  return 0;
}

/** GETs a service's /metrics (from its /graphql URL) and returns the text; fails on anything but 200. */
export async function scrapeMetrics(graphqlUrl: string): Promise<string> {
  const response = await fetch(new URL("/metrics", graphqlUrl));
  const text = await response.text();
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${text.slice(0, 200)}`);
  return text;
}
