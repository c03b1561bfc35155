import Redis, { Cluster } from "ioredis";
import { createLogger, describeError, type Logger } from "./logger";
import { redisTargetOf } from "./redis-url";
import type { Settings } from "./settings";

/** One Redis server, or a Redis Cluster (`redis+cluster://` in REDIS_URL): the same commands and scripts either way. */
export type RedisClient = Redis | Cluster;

// While Redis is down, a command fails within about this long instead of waiting for it to come
// back: the caller answers SERVICE_UNAVAILABLE at once. Also bounds a reply from a hung server.
const COMMAND_TIMEOUT_MS = 2_000;
const CONNECT_TIMEOUT_MS = 2_000;
// Reconnects go on for as long as Redis is down (so the service recovers by itself), at most this far apart.
const MAX_RECONNECT_DELAY_MS = 1_000;
// One log line per outage and then at most one per this interval, however often the client retries.
const ERROR_LOG_INTERVAL_MS = 10_000;

const reconnectDelay = (times: number) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS);

// What each connection (to the one server, or to each node of a cluster) is held to.
const NODE_OPTIONS = {
  commandTimeout: COMMAND_TIMEOUT_MS,
  connectTimeout: CONNECT_TIMEOUT_MS,
  // Commands queued while disconnected are failed after one reconnect attempt, not twenty.
  maxRetriesPerRequest: 1,
};

/**
 * A Redis client: the server at REDIS_URL (a Redis Cluster when it reads `redis+cluster://`), or
 * without it an in-process store that speaks the same commands and Lua (all clients of one process
 * share its data). Connection errors go to `logger` (by default a JSON logger at the settings'
 * level), at most one line per 10 s.
 */
export function createRedis(
  settings: Pick<Settings, "redisUrl"> & Partial<Pick<Settings, "logLevel">>,
  name = "online-access",
  logger: Logger = createLogger(settings.logLevel ?? "info", { service: name }),
): RedisClient {
  if (settings.redisUrl) {
    const target = redisTargetOf(settings.redisUrl);
    const redis =
      target.kind === "cluster"
        ? new TimedCluster(target.nodes, {
            redisOptions: {
              ...NODE_OPTIONS,
              connectionName: name,
              username: target.username,
              password: target.password,
              tls: target.tls ? {} : undefined,
            },
            // While the whole cluster is unreachable, and for each node that went away.
            clusterRetryStrategy: reconnectDelay,
            clusterNodeRetryStrategy: reconnectDelay,
            enableOfflineQueue: true,
            lazyConnect: false,
          })
        : new Redis(target.url, { ...NODE_OPTIONS, connectionName: name, retryStrategy: reconnectDelay, enableOfflineQueue: true, lazyConnect: false });
    logConnectionErrors(redis, name, logger);
    return redis;
  }
  // Loaded only when used: production images never take this path.
  const RedisMock = require("ioredis-mock") as typeof Redis;
  return new RedisMock();
}

/**
 * A cluster client whose commands fail within the command timeout also while the cluster is
 * unreachable: a node's timeout runs only once the command is sent to a node, and a cluster that
 * is (re)connecting keeps commands in a queue of its own meanwhile. The timer is set once, so a
 * command that reaches a node keeps the one it started with.
 */
class TimedCluster extends Cluster {
  override sendCommand(...args: Parameters<Cluster["sendCommand"]>): unknown {
    args[0].setTimeout(COMMAND_TIMEOUT_MS);
    return super.sendCommand(...args);
  }
}

/**
 * Listens for the client's 'error' events (without a listener ioredis prints each one to stderr)
 * and logs them, throttled, and the recovery once the connection is ready again.
 */
function logConnectionErrors(redis: RedisClient, name: string, logger: Logger): void {
  let lastLoggedAt = 0;
  let unlogged = 0;
  let failing = false;
  const onError = (error: unknown) => {
    failing = true;
    const now = Date.now();
    if (now - lastLoggedAt < ERROR_LOG_INTERVAL_MS) {
      unlogged += 1;
      return;
    }
    logger.error("redis unavailable", { client: name, ...describeError(error), ...errorCodeOf(error), ...(unlogged > 0 ? { suppressed: unlogged } : {}) });
    lastLoggedAt = now;
    unlogged = 0;
  };
  redis.on("error", onError);
  // A cluster tells of each node's connection errors apart ("node error"), the node's address second.
  if (redis instanceof Cluster) redis.on("node error", onError);
  redis.on("ready", () => {
    if (!failing) return;
    failing = false;
    lastLoggedAt = 0;
    unlogged = 0;
    logger.info("redis available again", { client: name });
  });
}

function errorCodeOf(error: unknown): Record<string, unknown> {
  const code = error && typeof error === "object" && "code" in error ? error.code : undefined;
  return typeof code === "string" ? { errorCode: code } : {};
}

/**
 * Builds the keys a service owns: `<REDIS_KEY_PREFIX><owner>:<part>:...`. Parts that a Lua script
 * touches together are wrapped in a hash tag by the caller, so the script runs on Redis Cluster.
 */
export class KeySpace {
  constructor(
    private readonly prefix: string,
    private readonly owner: string,
  ) {}

  key(...parts: string[]): string {
    return `${this.prefix}${this.owner}:${parts.join(":")}`;
  }
}

/**
 * Closes a client, waiting for pending replies when connected; never throws, and never waits for
 * a Redis that is down (a QUIT would sit in the offline queue). The in-process store has no status.
 * A cluster counts as connected only while every node it knows is (it stays "ready" while nodes are down).
 */
export async function closeRedis(redis: RedisClient): Promise<void> {
  const connected = redis.status === "ready" && (!(redis instanceof Cluster) || redis.nodes().every((node) => node.status === "ready"));
  if (redis.status !== undefined && !connected) {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
