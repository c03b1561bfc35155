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
      expect(await attempts.reserve(user)).toEqual({ granted: true });
      await attempts.confirmFailure(user);
    }
    expect(await attempts.reserve(user)).toEqual({ granted: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await attempts.reserve(user)).toEqual({ granted: true });
  });

  it("gives back the slot of a look-up that verified", async () => {
    const user = randomUUID();
    for (let i = 0; i < 5; i++) {
      expect(await attempts.reserve(user)).toEqual({ granted: true });
      await attempts.release(user);
    }
    expect(await redis.get(`${settings.redisKeyPrefix}vehicle-account:add-vehicle-failures:${user}`)).toBe("0");
  });

  it("counts look-ups in flight, so parallel reservations never pass the limit", async () => {
    const user = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => attempts.reserve(user)));
    expect(results.filter((result) => result.granted)).toHaveLength(2);
  });

  it("keeps its keys under the prefix and owner, with an expiry", async () => {
    const user = randomUUID();
    await attempts.reserve(user);
    await attempts.confirmFailure(user);
    const key = `${settings.redisKeyPrefix}vehicle-account:add-vehicle-failures:${user}`;
    expect(await redis.get(key)).toBe("1");
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});
