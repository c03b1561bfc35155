import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDeviceTrustService } from "@oa/device-trust";
import { createGateway } from "@oa/gateway";
import { createIdentityService } from "@oa/identity";
import { closeRedis, createRedis, type RunningService, type Settings, type Stoppable } from "@oa/platform";
// The compiled helpers for tests: the benchmark is a dev tool and runs against test databases too.
import { createTestDatabase, testSettings } from "@oa/platform/testing";
import { createVehicleAccountService } from "@oa/vehicle-account";
import { redactUrl } from "../redact-url";
import { connectionPerRequestFetcher } from "./connection-per-request-fetch";

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
  identityUrl: string;
  outboxFile: string;
  counters: BenchCounters;
  /** Stops everything, drops the database, deletes its Redis keys and the outbox; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the gateway and the three subgraphs in this process on free loopback ports, as the
 * end-to-end tests do, against a fresh database on the test PostgreSQL and the test Redis.
 */
export async function startBenchSystem(): Promise<BenchSystem> {
  const counters: BenchCounters = { statements: 0, subgraphConnections: 0 };
  const cleanups: (() => Promise<void>)[] = [];
  // One stop however many callers ask (the run's end and a Ctrl-C may race).
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    })());
  const started = <T extends Stoppable>(service: T): T => {
    cleanups.push(() => service.close());
    return service;
  };
  const counted = (running: RunningService): RunningService => {
    running.server.on("connection", () => counters.subgraphConnections++);
    return running;
  };

  try {
    await requireRedis(testSettings());
    const outboxDir = mkdtempSync(join(tmpdir(), "oa-bench-"));
    cleanups.push(async () => rmSync(outboxDir, { recursive: true, force: true }));
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    let settings = testSettings({ databaseUrl: database.url, messageOutboxFile: join(outboxDir, "outbox.jsonl") });
    cleanups.push(() => deleteRedisKeys(settings));

    const onQuery = () => counters.statements++;
    const deviceTrust = started(await createDeviceTrustService(settings, { onQuery }));
    const vehicleAccount = started(await createVehicleAccountService(settings, { onQuery }));
    for (const service of [deviceTrust, vehicleAccount]) await service.migrate();
    const deviceTrustRunning = counted(await deviceTrust.listen(0, "127.0.0.1"));
    const vehicleAccountRunning = counted(await vehicleAccount.listen(0, "127.0.0.1"));
    settings = { ...settings, deviceTrustUrl: deviceTrustRunning.url, vehicleAccountUrl: vehicleAccountRunning.url };

    // identity calls the other two, so it is built once they listen.
    const identity = started(await createIdentityService(settings, { onQuery }));
    await identity.migrate();
    const identityRunning = counted(await identity.listen(0, "127.0.0.1"));
    settings = { ...settings, identityUrl: identityRunning.url };

    const gateway = started(createGateway(settings));
    const baselineGateway = started(createGateway(settings, { subgraphFetcher: connectionPerRequestFetcher() }));
    const gatewayRunning = await gateway.listen(0, "127.0.0.1");
    const baselineRunning = await baselineGateway.listen(0, "127.0.0.1");

    return {
      settings,
      gatewayUrl: gatewayRunning.url,
      baselineGatewayUrl: baselineRunning.url,
      identityUrl: identityRunning.url,
      outboxFile: settings.messageOutboxFile!,
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
