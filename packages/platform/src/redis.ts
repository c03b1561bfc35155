import Redis from "ioredis";
import { createLogger, describeError, type Logger } from "./logger";
import type { Settings } from "./settings";

export type RedisClient = Redis;

// While Redis is down, a command fails within about this long instead of waiting for it to come
// back: the caller answers SERVICE_UNAVAILABLE at once. Also bounds a reply from a hung server.
const COMMAND_TIMEOUT_MS = 2_000;
const CONNECT_TIMEOUT_MS = 2_000;
// Reconnects go on for as long as Redis is down (so the service recovers by itself), at most this far apart.
const MAX_RECONNECT_DELAY_MS = 1_000;
// One log line per outage and then at most one per this interval, however often the client retries.
const ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * A Redis client: the server at REDIS_URL, or without it an in-process store that speaks the
 * same commands and Lua (all clients of one process share its data). Connection errors go to
 * `logger` (by default a JSON logger at the settings' level), at most one line per 10 s.
 */
export function createRedis(
  settings: Pick<Settings, "redisUrl"> & Partial<Pick<Settings, "logLevel">>,
  name = "online-access",
  logger: Logger = createLogger(settings.logLevel ?? "info", { service: name }),
): RedisClient {
  if (settings.redisUrl) {
    const redis = new Redis(settings.redisUrl, {
      connectionName: name,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Commands queued while disconnected are failed after one reconnect attempt, not twenty.
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
      enableOfflineQueue: true,
      lazyConnect: false,
    });
    logConnectionErrors(redis, name, logger);
    return redis;
  }
  // Loaded only when used: production images never take this path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RedisMock = require("ioredis-mock") as typeof Redis;
  return new RedisMock();
}

/**
 * Listens for the client's 'error' events (without a listener ioredis prints each one to stderr)
 * and logs them, throttled, and the recovery once the connection is ready again.
 */
function logConnectionErrors(redis: RedisClient, name: string, logger: Logger): void {
  let lastLoggedAt = 0;
  let unlogged = 0;
  let failing = false;
  redis.on("error", (error: unknown) => {
    failing = true;
    const now = Date.now();
    if (now - lastLoggedAt < ERROR_LOG_INTERVAL_MS) {
      unlogged += 1;
      return;
    }
    logger.error("redis unavailable", { client: name, ...describeError(error), ...errorCodeOf(error), ...(unlogged > 0 ? { suppressed: unlogged } : {}) });
    lastLoggedAt = now;
    unlogged = 0;
  });
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
 */
export async function closeRedis(redis: RedisClient): Promise<void> {
  if (redis.status !== undefined && redis.status !== "ready") {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
