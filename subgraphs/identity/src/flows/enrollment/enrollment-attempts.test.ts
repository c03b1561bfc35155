import { closeRedis, createRedis, type RedisClient } from "@oa/platform";
import { testSettings } from "@oa/platform/testing";
import { ENROLLMENT_LOCK_SECONDS, ENROLLMENT_MAX_FAILURES, EnrollmentAttempts } from "./enrollment-attempts";

// The counting itself is AttemptGuard's (tested on its own); here: the rule's numbers and keys.
describe("EnrollmentAttempts", () => {
  const settings = testSettings();
  let redis: RedisClient;

  beforeAll(() => {
    redis = createRedis(settings);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${settings.redisKeyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  it("refuses a tax id for 15 minutes after five failed verifications, and no other", async () => {
    expect([ENROLLMENT_MAX_FAILURES, ENROLLMENT_LOCK_SECONDS]).toEqual([5, 900]);
    const attempts = new EnrollmentAttempts(redis, settings.redisKeyPrefix);
    for (let i = 0; i < 5; i++) {
      expect(await attempts.reserve("lookup-a")).toEqual({ locked: false });
      await attempts.failed("lookup-a");
    }
    const refused = await attempts.reserve("lookup-a");
    expect(refused).toMatchObject({ locked: true });
    expect(refused.locked && refused.retryAfterSeconds).toBeGreaterThan(895);
    expect(await attempts.reserve("lookup-b")).toEqual({ locked: false });
  });

  it("keeps its keys under identity's prefix, apart from the login lockout's", async () => {
    const attempts = new EnrollmentAttempts(redis, settings.redisKeyPrefix);
    await attempts.reserve("lookup-c");
    await attempts.failed("lookup-c");
    expect(await redis.exists(`${settings.redisKeyPrefix}identity:{enroll:lookup-c}:failures`)).toBe(1);
  });
});
