import { once } from "node:events";
import { createLogger } from "./logger";
import { closeRedis, createRedis } from "./redis";
import { deadPort, TEST_REDIS_URL } from "./testing";

describe("createRedis", () => {
  it("fails commands within about 3 s while Redis is down, also after a while, and logs one JSON line", async () => {
    const lines: string[] = [];
    const redis = createRedis(
      { redisUrl: `redis://127.0.0.1:${await deadPort()}` },
      "dead",
      createLogger("info", { service: "test" }, (line) => lines.push(line)),
    );
    let reconnects = 0;
    redis.on("reconnecting", () => (reconnects += 1));
    /** How long three commands take to fail. */
    const failing = async () => {
      const started = Date.now();
      const results = await Promise.allSettled([redis.get("a"), redis.set("b", "1"), redis.ping()]);
      expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
      return Date.now() - started;
    };
    try {
      expect(await failing()).toBeLessThan(3_000);
      // Once the client has been retrying for a while, the delay between attempts stays short.
      while (reconnects < 7) await new Promise((resolve) => redis.once("reconnecting", resolve));
      expect(await failing()).toBeLessThan(3_000);
      expect(lines.length).toBe(1);
      expect(JSON.parse(lines[0])).toMatchObject({ level: "error", service: "test", message: "redis unavailable", client: "dead", errorCode: "ECONNREFUSED" });
    } finally {
      redis.disconnect();
    }
  });

  it("closes a client of a Redis that is down at once, for good", async () => {
    const redis = createRedis({ redisUrl: `redis://127.0.0.1:${await deadPort()}` }, "dead", createLogger("silent"));
    await once(redis, "error");
    const closing = Date.now();
    await closeRedis(redis);
    expect(Date.now() - closing).toBeLessThan(500);
    // No more reconnect attempts (they would come at least once a second).
    let attempts = 0;
    redis.on("connect", () => (attempts += 1)).on("error", () => (attempts += 1));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(attempts).toBe(0);
  });

  it("works against the real Redis, and closes cleanly", async () => {
    const redis = createRedis({ redisUrl: TEST_REDIS_URL }, "real", createLogger("silent"));
    const key = `oa-test-redis-${process.pid}-${Date.now()}`;
    try {
      expect(await redis.set(key, "1", "EX", 10)).toBe("OK");
      expect(await redis.incr(key)).toBe(2);
      await redis.del(key);
    } finally {
      await closeRedis(redis);
    }
    if (redis.status !== "end") await once(redis, "end");
  });

  it("without REDIS_URL, is the in-process store: commands and Lua run, and it closes", async () => {
    const redis = createRedis({ redisUrl: undefined });
    expect(await redis.set("in-process", "1")).toBe("OK");
    expect(await redis.eval("return redis.call('INCR', KEYS[1])", 1, "in-process")).toBe(2);
    await redis.del("in-process");
    await closeRedis(redis);
  });
});
