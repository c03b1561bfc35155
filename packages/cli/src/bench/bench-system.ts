import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { createGateway } from "@oa/gateway";
import { closeRedis, createRedis, SessionStore, sessionLifetimes, type Settings } from "@oa/platform";
// The compiled helpers for tests: the benchmark is a dev tool and runs against test databases too.
import { createTestDatabase, testSettings } from "@oa/platform/testing";
import { Outbox } from "../journeys/outbox";
import { ANY_FREE_PORTS, startLocalSystem } from "../local-system";
import { redactUrl } from "../redact-url";
import { connectionPerRequestFetcher } from "./connection-per-request-fetch";
import type { BenchSecrets } from "./production-targets";

const LOOPBACK = "127.0.0.1";

/** What the benchmark counts while it measures; reset and read around each batch. */
export interface BenchCounters {
  /** SQL statements run by any of the three subgraphs. */
  statements: number;
  /** TCP connections accepted by any of the three subgraphs. */
  subgraphConnections: number;
}

/** The whole system in this process, with a second gateway for the baseline. */
export interface BenchSystem {
  settings: Settings;
  /** The gateway as shipped: subgraph fetches over the keep-alive pool. */
  gatewayUrl: string;
  /** The same gateway over a fetcher that opens a new connection per subgraph fetch. */
  baselineGatewayUrl: string;
  /** The same gateway over a session store that never moves a session's end on (the idle timeout as before it slid). */
  neverSlidingGatewayUrl: string;
  /** The same gateway over a session store that moves a session's end on with a write on every request. */
  slidingEveryRequestGatewayUrl: string;
  identityUrl: string;
  outbox: Outbox;
  counters: BenchCounters;
  /** Stops everything, drops the database, deletes its Redis keys and the outbox; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the gateway and the three subgraphs in this process on free loopback ports, as `npm start`
 * and the end-to-end tests do, against a fresh database on the test PostgreSQL and the test Redis,
 * with the run's secrets (so that production processes started later read the same data).
 */
export async function startBenchSystem(secrets: BenchSecrets): Promise<BenchSystem> {
  const counters: BenchCounters = { statements: 0, subgraphConnections: 0 };
  const cleanups: (() => Promise<void>)[] = [];
  // One stop however many callers ask (the run's end and a Ctrl-C may race).
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    })());

  try {
    await requireRedis(testSettings());
    const outbox = Outbox.inNewFolder("oa-bench-");
    cleanups.push(async () => rmSync(dirname(outbox.file), { recursive: true, force: true }));
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const settings = testSettings({ databaseUrl: database.url, messageOutboxFile: outbox.file, ...ANY_FREE_PORTS, ...secrets });
    cleanups.push(() => deleteRedisKeys(settings));

    const system = await startLocalSystem(settings, { host: LOOPBACK, onQuery: () => counters.statements++ });
    for (const service of system.services) cleanups.push(() => service.close());
    for (const subgraph of Object.values(system.subgraphs)) subgraph.server.on("connection", () => counters.subgraphConnections++);

    const connectionPerRequest = connectionPerRequestFetcher();
    cleanups.push(() => connectionPerRequest.close());
    const baselineGateway = createGateway(system.settings, { subgraphFetcher: connectionPerRequest.fetcher });
    cleanups.push(() => baselineGateway.close());
    const baselineRunning = await baselineGateway.listen(0, LOOPBACK);

    // The same gateway over session stores that slide differently (SessionStore's slideEveryMs).
    const storeRedis = createRedis(system.settings, "bench-sessions");
    cleanups.push(() => closeRedis(storeRedis));
    const slidingGateway = async (slideEveryMs: number) => {
      const sessions = new SessionStore(storeRedis, system.settings.redisKeyPrefix, sessionLifetimes(system.settings), { slideEveryMs });
      const gateway = createGateway(system.settings, { sessions });
      cleanups.push(() => gateway.close());
      return (await gateway.listen(0, LOOPBACK)).url;
    };
    const neverSlidingGatewayUrl = await slidingGateway(Number.POSITIVE_INFINITY);
    const slidingEveryRequestGatewayUrl = await slidingGateway(0);

    return {
      settings: system.settings,
      gatewayUrl: system.gatewayUrl,
      baselineGatewayUrl: baselineRunning.url,
      neverSlidingGatewayUrl,
      slidingEveryRequestGatewayUrl,
      identityUrl: system.subgraphUrls.identity,
      outbox,
      counters,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Fails at once, with a plain message, when the test Redis does not answer. */
async function requireRedis(settings: Settings): Promise<void> {
  const redis = createRedis(settings, "bench-check");
  redis.on("error", () => undefined); // the ping below reports it
  try {
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis at ${redactUrl(settings.redisUrl ?? "")} does not answer (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    redis.disconnect();
  }
}

/** Deletes the keys under the run's own prefix (sessions, counters, challenges). */
async function deleteRedisKeys(settings: Settings): Promise<void> {
  const redis = createRedis(settings, "bench-cleanup");
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${settings.redisKeyPrefix}*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    await closeRedis(redis);
  }
}
