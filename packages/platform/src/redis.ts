import Redis from "ioredis";
import type { Settings } from "./settings";

export type RedisClient = Redis;

/**
 * A Redis client: the server at REDIS_URL, or without it an in-process store that speaks the
 * same commands and Lua (all clients of one process share its data).
 */
export function createRedis(settings: Pick<Settings, "redisUrl">, name = "online-access"): RedisClient {
  if (settings.redisUrl) {
    return new Redis(settings.redisUrl, {
      connectionName: name,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      lazyConnect: false,
    });
  }
  // Loaded only when used: production images never take this path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RedisMock = require("ioredis-mock") as typeof Redis;
  return new RedisMock();
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

/** Closes a client, waiting for pending replies; never throws. */
export async function closeRedis(redis: RedisClient): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
