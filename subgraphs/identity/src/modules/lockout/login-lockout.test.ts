import { randomBytes } from "node:crypto";
import { closeRedis, createRedis, type RedisClient } from "@oa/platform";
import { TEST_REDIS_URL } from "@oa/platform/testing";
import { LoginLockout } from "./login-lockout";

const SUBJECT_KEY = randomBytes(32);

// The same scripts run on the real server and on the in-process store `npm start` uses.
describe.each([
  ["Redis", TEST_REDIS_URL],
  ["the in-process store", undefined],
])("LoginLockout on %s", (_name, redisUrl) => {
  let redis: RedisClient;
  let prefix: string;
  const prefixes: string[] = [];

  beforeAll(() => {
    redis = createRedis({ redisUrl });
  });

  afterAll(async () => {
    for (const used of prefixes) {
      const keys = await redis.keys(`${used}*`);
      if (keys.length) await redis.del(...keys);
    }
    await closeRedis(redis);
  });

  beforeEach(() => {
    prefix = `oa-test-lockout-${randomBytes(4).toString("hex")}:`;
    prefixes.push(prefix);
  });

  const lockout = (maxFailures = 3, lockSeconds = 60) => new LoginLockout(redis, prefix, SUBJECT_KEY, { maxFailures, lockSeconds });

  async function fail(subjectLockout: LoginLockout, username: string) {
    const subject = subjectLockout.subjectOf(username);
    const reserved = await subjectLockout.reserve(subject);
    if (reserved.locked) return reserved;
    return subjectLockout.recordFailure(subject);
  }

  it("locks on the maximum-th failure in a row, and says so only once", async () => {
    const guard = lockout(3);
    expect(await fail(guard, "dana")).toEqual({ locked: false });
    expect(await fail(guard, "dana")).toEqual({ locked: false });
    expect(await fail(guard, "dana")).toEqual({ locked: true, retryAfterSeconds: 60, justLocked: true });
    const next = await fail(guard, "dana");
    expect(next).toMatchObject({ locked: true, justLocked: false });
    expect(next.locked && next.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("counts one username in any case as one subject, and keeps subjects apart", async () => {
    const guard = lockout(2);
    expect(guard.subjectOf("DanaW")).toBe(guard.subjectOf("danaw"));
    expect(guard.subjectOf("danaw")).not.toBe(guard.subjectOf("danax"));
    expect(guard.subjectOf("danaw")).not.toContain("dana");
    await fail(guard, "DanaW");
    expect(await fail(guard, "danaw")).toMatchObject({ locked: true, justLocked: true });
    expect(await guard.check(guard.subjectOf("someone.else"))).toEqual({ locked: false });
  });

  it("does not count a released try, and a reset starts the count again", async () => {
    const guard = lockout(2);
    const subject = guard.subjectOf("released");
    await fail(guard, "released");
    expect(await guard.reserve(subject)).toEqual({ locked: false });
    await guard.release(subject);
    await guard.release(subject); // more releases than tries never go below zero
    await guard.reset(subject);
    expect(await fail(guard, "released")).toEqual({ locked: false });
    expect(await fail(guard, "released")).toMatchObject({ locked: true });
  });

  it("lets at most the maximum of a parallel burst through, and locks", async () => {
    const guard = lockout(5);
    const subject = guard.subjectOf("burst");
    const results = await Promise.all(Array.from({ length: 50 }, () => guard.reserve(subject)));
    expect(results.filter((result) => !result.locked)).toHaveLength(5);
    expect(results.filter((result) => result.locked && result.justLocked)).toHaveLength(1);
    // The tries that got through fail afterwards: none of them locks a second time.
    const failures = await Promise.all(Array.from({ length: 5 }, () => guard.recordFailure(subject)));
    expect(failures.every((failure) => failure.locked && !failure.justLocked)).toBe(true);
    expect(await guard.check(subject)).toMatchObject({ locked: true });
  });

  it("counts unreserved failures with the reserved ones, locking at the maximum", async () => {
    const guard = lockout(3);
    const subject = guard.subjectOf("mixed");
    expect(await fail(guard, "mixed")).toEqual({ locked: false });
    expect(await guard.countFailure(subject)).toEqual({ locked: false });
    expect(await guard.countFailure(subject)).toEqual({ locked: true, retryAfterSeconds: 60, justLocked: true });
    expect(await guard.countFailure(subject)).toMatchObject({ locked: true, justLocked: false });
    expect(await guard.reserve(subject)).toMatchObject({ locked: true });
  });

  it("locks exactly once under parallel unreserved failures", async () => {
    const guard = lockout(5);
    const subject = guard.subjectOf("parallel-failures");
    const states = await Promise.all(Array.from({ length: 20 }, () => guard.countFailure(subject)));
    expect(states.filter((state) => !state.locked)).toHaveLength(4);
    expect(states.filter((state) => state.locked && state.justLocked)).toHaveLength(1);
  });

  it("lifts the lock after the lock time, with a fresh count", async () => {
    const guard = lockout(1, 1);
    const subject = guard.subjectOf("brief");
    expect(await fail(guard, "brief")).toEqual({ locked: true, retryAfterSeconds: 1, justLocked: true });
    expect(await guard.reserve(subject)).toMatchObject({ locked: true });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await guard.check(subject)).toEqual({ locked: false });
    expect(await guard.reserve(subject)).toEqual({ locked: false });
  });

  it("keeps the failure count no longer than the lock time", async () => {
    const guard = lockout(3, 1);
    const subject = guard.subjectOf("fading");
    await fail(guard, "fading");
    await fail(guard, "fading");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await fail(guard, "fading")).toEqual({ locked: false });
    expect(await guard.check(subject)).toEqual({ locked: false });
  });
});
