import { closeRedis, createRedis, type RedisClient } from "@oa/platform";
import { testSettings } from "@oa/platform/testing";
import { randomUUID } from "node:crypto";
import { AddVehicleAttempts } from "./add-vehicle-attempts";

// Against the real Redis, with a window short enough to wait out.
describe("AddVehicleAttempts", () => {
  const settings = testSettings();
  let redis: RedisClient;
  let attempts: AddVehicleAttempts;

  beforeAll(() => {
    redis = createRedis(settings);
    attempts = new AddVehicleAttempts(redis, settings.redisKeyPrefix, { maxFailures: 2, windowSeconds: 1 });
  });

  afterAll(async () => {
    await closeRedis(redis);
  });

  it("blocks after the limit of failures and lifts the block when the window ends", async () => {
    const user = randomUUID();
    for (let i = 0; i < 2; i++) {
      expect(await attempts.check(user)).toEqual({ blocked: false });
      expect(await attempts.countFailure(user)).toEqual({ blocked: false });
    }
    expect(await attempts.check(user)).toEqual({ blocked: true, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await attempts.check(user)).toEqual({ blocked: false });
  });

  it("lets exactly the limit of parallel failures count; the rest are refused", async () => {
    const user = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => attempts.countFailure(user)));
    expect(results.filter((result) => !result.blocked)).toHaveLength(2);
    expect(results.filter((result) => result.blocked)).toHaveLength(8);
  });

  it("keeps its keys under the prefix and owner, with an expiry", async () => {
    const user = randomUUID();
    await attempts.countFailure(user);
    const key = `${settings.redisKeyPrefix}vehicle-account:add-vehicle-failures:${user}`;
    expect(await redis.get(key)).toBe("1");
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});
