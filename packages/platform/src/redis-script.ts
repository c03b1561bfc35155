import { createHash } from "node:crypto";
import type { RedisClient } from "./redis";

/**
 * One Lua script, run atomically by Redis with EVALSHA (and EVAL once when the server has not
 * seen it yet). The keys one script touches must share a hash slot.
 */
export class RedisScript<Result> {
  private readonly sha: string;

  constructor(
    /** For error messages only. */
    readonly name: string,
    private readonly lua: string,
  ) {
    this.sha = createHash("sha1").update(lua).digest("hex");
  }

  async run(redis: RedisClient, keys: string[], args: (string | number)[] = []): Promise<Result> {
    const argv = args.map(String);
    try {
      return (await redis.evalsha(this.sha, keys.length, ...keys, ...argv)) as Result;
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
      return (await redis.eval(this.lua, keys.length, ...keys, ...argv)) as Result;
    }
  }
}
