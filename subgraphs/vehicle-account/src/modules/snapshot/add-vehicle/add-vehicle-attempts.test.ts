import { randomBytes, randomUUID } from "node:crypto";
import { closeRedis, createRedis, type RedisClient, reservePlaces } from "@oa/platform";
import { testSettings } from "@oa/platform/testing";
import type { AccountIdentifier } from "../../vehicle-account/account-identifier";
import { AddVehicleAttempts } from "./add-vehicle-attempts";

// The counting is AttemptGuard's (tested on its own); here: whose budgets, and their keys. Real Redis.
describe("AddVehicleAttempts", () => {
  const settings = testSettings();
  let redis: RedisClient;
  let attempts: AddVehicleAttempts;

  beforeAll(() => {
    redis = createRedis(settings);
    attempts = new AddVehicleAttempts(redis, settings.redisKeyPrefix, randomBytes(32), { maxFailures: 2, windowSeconds: 1 });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${settings.redisKeyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  const fail = async (userId: string, identifier: AccountIdentifier) => {
    const reserved = await reservePlaces(attempts.placesFor(userId, identifier));
    if ("refused" in reserved) return reserved.refused.name;
    await reserved.held.failed();
    return null;
  };
  const number = (value: string): AccountIdentifier => ({ kind: "accountNumber", value });

  it("blocks a user after the limit of failures and lifts the block when the window ends", async () => {
    const user = randomUUID();
    expect(await fail(user, number("AV-1"))).toBeNull();
    expect(await fail(user, number("AV-2"))).toBeNull();
    expect(await fail(user, number("AV-3"))).toBe("user");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await fail(user, number("AV-4"))).toBeNull();
  });

  it("blocks an account number or VIN after the limit, whichever users try it, in any case or spacing", async () => {
    expect(await fail(randomUUID(), number("AV-0000000999"))).toBeNull();
    expect(await fail(randomUUID(), number("av-0000 000999"))).toBeNull();
    expect(await fail(randomUUID(), number("AV-0000000999"))).toBe("account");
    const vin: AccountIdentifier = { kind: "vin", value: "1HGCV1F34MA000999" };
    expect(await fail(randomUUID(), vin)).toBeNull();
    expect(await fail(randomUUID(), vin)).toBeNull();
    expect(await fail(randomUUID(), vin)).toBe("account");
  });

  it("lets exactly the limit of a parallel burst be checked; the rest are refused", async () => {
    const user = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => fail(user, number(`AV-burst-${i}`))));
    expect(results.filter((refusedBy) => refusedBy === null)).toHaveLength(2);
    expect(results.filter((refusedBy) => refusedBy === "user")).toHaveLength(8);
  });

  it("keeps its keys under the prefix and owner, with an expiry, holding no account number", async () => {
    const user = randomUUID();
    await fail(user, number("AV-KEYS-1"));
    const key = `${settings.redisKeyPrefix}vehicle-account:{add-vehicle:user:${user}}:failures`;
    expect(await redis.get(key)).toBe("1");
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    expect((await redis.keys(`${settings.redisKeyPrefix}*`)).some((k) => k.includes("AV-KEYS-1"))).toBe(false);
  });
});
