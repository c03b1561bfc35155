import { createRedis, type RedisClient } from "@oa/platform";
import { testSettings } from "@oa/platform/testing";
import { EnrollmentAttempts } from "./enrollment-attempts";

// Against the real Redis and against the in-process store: both must run the same scripts alike.
describe.each([
  ["Redis", () => createRedis(testSettings())],
  ["the in-process store", () => createRedis({ redisUrl: undefined })],
])("EnrollmentAttempts on %s", (_name, connect) => {
  let redis: RedisClient;
  let attempts: EnrollmentAttempts;
  let lookup = 0;
  const nextLookup = () => `lookup-${++lookup}-${Date.now()}`;

  beforeAll(() => {
    redis = connect();
    attempts = new EnrollmentAttempts(redis, testSettings().redisKeyPrefix, 3, 60);
  });

  afterAll(async () => {
    await redis.quit();
  });

  it("refuses once the failures reach the limit, saying for how long", async () => {
    const taxId = nextLookup();
    for (let i = 0; i < 3; i++) {
      expect(await attempts.reserve(taxId)).toEqual({ reserved: true });
      await attempts.recordFailure(taxId);
    }
    const refused = await attempts.reserve(taxId);
    expect(refused.reserved).toBe(false);
    expect(!refused.reserved && refused.retryAfterSeconds).toBeGreaterThan(55);
    expect(!refused.reserved && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("does not count released slots", async () => {
    const taxId = nextLookup();
    for (let i = 0; i < 10; i++) {
      expect(await attempts.reserve(taxId)).toEqual({ reserved: true });
      await attempts.release(taxId);
    }
    await attempts.reserve(taxId);
    await attempts.recordFailure(taxId);
    expect(await attempts.reserve(taxId)).toEqual({ reserved: true });
  });

  it("gives out no more slots than the limit to a parallel burst", async () => {
    const taxId = nextLookup();
    const reservations = await Promise.all(Array.from({ length: 12 }, () => attempts.reserve(taxId)));
    expect(reservations.filter((reservation) => reservation.reserved)).toHaveLength(3);
  });

  it("keeps each tax id apart", async () => {
    const [first, second] = [nextLookup(), nextLookup()];
    for (let i = 0; i < 3; i++) {
      await attempts.reserve(first);
      await attempts.recordFailure(first);
    }
    expect((await attempts.reserve(first)).reserved).toBe(false);
    expect((await attempts.reserve(second)).reserved).toBe(true);
  });
});
