import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Redis from "ioredis";
import { freeLoopbackPort } from "./loopback-port";

// Tests only: a Redis Cluster of a few masters on loopback, started from the installed
// redis-server and redis-cli, in a folder of its own that goes with it.

export interface LocalRedisCluster {
  /** REDIS_URL for it: redis+cluster://127.0.0.1:P1,127.0.0.1:P2,... */
  url: string;
  ports: number[];
  /** Stops every node and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/** Why a local cluster cannot be started here (redis-server or redis-cli missing), or null when it can. */
export function localRedisClusterUnavailable(): string | null {
  for (const tool of ["redis-server", "redis-cli"]) {
    if (spawnSync(tool, ["--version"], { stdio: "ignore" }).status !== 0) {
      return `${tool} is not installed (sudo apt-get install -y redis-server)`;
    }
  }
  return null;
}

const READY_WITHIN_MS = 30_000;

/** Starts `masters` redis-server nodes in cluster mode on free loopback ports, joins them (no replicas) and waits until every slot is served. */
export async function startLocalRedisCluster(masters = 3): Promise<LocalRedisCluster> {
  const folder = mkdtempSync(path.join(tmpdir(), "oa-redis-cluster-"));
  const nodes: ChildProcess[] = [];
  const ports: number[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(nodes.map(stopNode));
      rmSync(folder, { recursive: true, force: true });
    })());
  try {
    const taken = new Set<number>();
    const freePort = async () => {
      for (;;) {
        const port = await freeLoopbackPort();
        if (taken.has(port)) continue;
        taken.add(port);
        return port;
      }
    };
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      // The cluster bus gets a free port of its own (by default it is port + 10000, which may be taken).
      const busPort = await freePort();
      ports.push(port);
      nodes.push(
        spawn(
          "redis-server",
          [
            "--port",
            String(port),
            "--cluster-port",
            String(busPort),
            "--bind",
            "127.0.0.1",
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            `nodes-${port}.conf`,
            "--cluster-node-timeout",
            "5000",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            folder,
          ],
          { stdio: "ignore" },
        ).on("error", () => undefined),
      );
    }
    await Promise.all(ports.map((port) => untilAnswering(port, (redis) => redis.ping())));
    await promisify(execFile)("redis-cli", ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"], {
      timeout: READY_WITHIN_MS,
    });
    await Promise.all(
      ports.map((port) =>
        untilAnswering(port, async (redis) => {
          const info = String(await redis.call("CLUSTER", "INFO"));
          if (!info.includes("cluster_state:ok") || !info.includes("cluster_slots_ok:16384") || !info.includes(`cluster_known_nodes:${masters}`)) throw new Error("not joined yet");
        }),
      ),
    );
    return { url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(",")}`, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Retries `check` on the node at `port` until it passes, for up to 30 s. */
async function untilAnswering(port: number, check: (redis: Redis) => Promise<unknown>): Promise<void> {
  const giveUpAt = Date.now() + READY_WITHIN_MS;
  const redis = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on("error", () => undefined);
  try {
    for (;;) {
      try {
        if (redis.status !== "ready") await redis.connect();
        await check(redis);
        return;
      } catch (error) {
        if (Date.now() > giveUpAt) throw new Error(`the Redis Cluster node on port ${port} is not ready: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    redis.disconnect();
  }
}

async function stopNode(node: ChildProcess): Promise<void> {
  if (node.exitCode !== null || node.signalCode !== null) return;
  const exited = new Promise((resolve) => node.once("exit", resolve));
  node.kill("SIGTERM");
  const timer = setTimeout(() => node.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
