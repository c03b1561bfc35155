import { unavailableDependency } from "./dependency-errors";
import { createLogger } from "./logger";
import { type LocalRedisCluster, localRedisClusterUnavailable, startLocalRedisCluster } from "./local-redis-cluster";
import { closeRedis, createRedis, type RedisClient } from "./redis";
import { RedisScript } from "./redis-script";

const unavailable = localRedisClusterUnavailable();
if (unavailable) process.stdout.write(`Skipping the Redis Cluster client tests: ${unavailable}\n`);

// Adds ARGV[1] to two keys at once: they must be in one slot.
const addToBoth = new RedisScript<[number, number]>("test.addToBoth", "return {redis.call('INCRBY', KEYS[1], ARGV[1]), redis.call('INCRBY', KEYS[2], ARGV[1])}");

(unavailable ? describe.skip : describe)("createRedis with a Redis Cluster (redis+cluster://)", () => {
  let cluster: LocalRedisCluster;
  let redis: RedisClient;
  const lines: string[] = [];
  beforeAll(async () => {
    cluster = await startLocalRedisCluster(3);
    redis = createRedis(
      { redisUrl: cluster.url },
      "cluster-test",
      createLogger("info", { service: "test" }, (line) => lines.push(line)),
    );
  }, 60_000);
  afterAll(async () => {
    await closeRedis(redis);
    await cluster.stop();
  });

  it("spreads keys over the three masters and runs scripts, transactions and pipelines on keys of one hash tag", async () => {
    const slots = await redis.call("CLUSTER", "SLOTS");
    const masters = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const key = `oa-test:{subject-${i}}:count`;
      await redis.set(key, String(i));
      masters.add(ownerOf(slots, Number(await redis.call("CLUSTER", "KEYSLOT", key))));
    }
    expect(masters).toEqual(new Set(cluster.ports.map((port) => `127.0.0.1:${port}`)));
    expect(await addToBoth.run(redis, ["oa-test:{user:1}:a", "oa-test:{user:1}:b"], [2])).toEqual([2, 2]);
    expect(await redis.multi().incr("oa-test:{user:1}:a").pexpire("oa-test:{user:1}:a", 10_000).exec()).toEqual([
      [null, 3],
      [null, 1],
    ]);
    const pipeline = redis.pipeline();
    pipeline.get("oa-test:{user:1}:a").get("oa-test:{user:1}:b");
    expect(await pipeline.exec()).toEqual([
      [null, "3"],
      [null, "2"],
    ]);
    expect(await redis.del("oa-test:{user:1}:a", "oa-test:{user:1}:b")).toBe(2);
  });

  it("refuses a script whose keys are in two slots (CROSSSLOT): the cluster checks what the scripts must respect", async () => {
    await expect(addToBoth.run(redis, ["oa-test:{user:1}:a", "oa-test:{user:2}:a"], [1])).rejects.toThrow(/CROSSSLOT|same slot/);
  });

  it("fails commands within about 3 s once the cluster is down, and logs one JSON line", async () => {
    await cluster.stop();
    /** How long four commands take to fail. */
    const failing = async () => {
      const started = Date.now();
      const results = await Promise.allSettled([
        redis.get("oa-test:a"),
        addToBoth.run(redis, ["oa-test:{x}:a", "oa-test:{x}:b"], [1]),
        redis.multi().incr("oa-test:{x}:a").exec(),
        redis.ping(),
      ]);
      expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
      // What the services answer then: SERVICE_UNAVAILABLE, as for one Redis server.
      for (const result of results)
        expect([(result as PromiseRejectedResult).reason?.message, unavailableDependency((result as PromiseRejectedResult).reason)]).toEqual([expect.any(String), "redis"]);
      return Date.now() - started;
    };
    expect(await failing()).toBeLessThan(3_000);
    // Once the client has been trying to reconnect for a while, too.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await failing()).toBeLessThan(3_000);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: "error", service: "test", message: "redis unavailable", client: "cluster-test" });
  });
});

function ownerOf(slots: unknown, slot: number): string {
  for (const [from, to, [host, port]] of slots as [number, number, [string, number]][]) if (slot >= from && slot <= to) return `${host}:${port}`;
  return "none";
}
