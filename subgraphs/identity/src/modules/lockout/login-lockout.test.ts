import { randomBytes } from "node:crypto";
import { closeRedis, createRedis, type RedisClient } from "@oa/platform";
import { TEST_REDIS_URL } from "@oa/platform/testing";
import { LoginLockout } from "./login-lockout";

// What LoginLockout adds to AttemptGuard (tested on its own): whose tries are counted.
describe("LoginLockout", () => {
  let redis: RedisClient;
  const prefix = `oa-test-lockout-${randomBytes(4).toString("hex")}:`;

  beforeAll(() => {
    redis = createRedis({ redisUrl: TEST_REDIS_URL });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  it("counts one username in any case as one subject, keeps subjects apart, and never stores the name", async () => {
    const lockout = new LoginLockout(redis, prefix, randomBytes(32), { maxFailures: 1, lockSeconds: 60 });
    expect(lockout.subjectOf("DanaW")).toBe(lockout.subjectOf("danaw"));
    expect(lockout.subjectOf("danaw")).not.toBe(lockout.subjectOf("danax"));
    expect(lockout.subjectOf("danaw")).not.toContain("dana");
    await lockout.reserve(lockout.subjectOf("DanaW"));
    expect(await lockout.failed(lockout.subjectOf("DanaW"))).toMatchObject({ locked: true, justLocked: true });
    expect(await lockout.check(lockout.subjectOf("danaw"))).toMatchObject({ locked: true });
    expect((await redis.keys(`${prefix}*`)).some((key) => key.toLowerCase().includes("dana"))).toBe(false);
  });

  it("derives subjects from its key: another key, other subjects", () => {
    const one = new LoginLockout(redis, prefix, randomBytes(32), { maxFailures: 1, lockSeconds: 60 });
    const other = new LoginLockout(redis, prefix, randomBytes(32), { maxFailures: 1, lockSeconds: 60 });
    expect(one.subjectOf("dana")).not.toBe(other.subjectOf("dana"));
  });

  it("gives each registered device of a person a budget of its own, which the person's lock does not touch", async () => {
    const lockout = new LoginLockout(redis, prefix, randomBytes(32), { maxFailures: 1, lockSeconds: 60 });
    const person = lockout.subjectOf("dana.device");
    const phone = lockout.deviceSubjectOf(person, "0F8FAD5B-D9CB-469F-A165-70867728950E");
    expect(phone).toBe(lockout.deviceSubjectOf(person, "0f8fad5b-d9cb-469f-a165-70867728950e"));
    expect(phone).not.toBe(person);
    expect(phone).not.toBe(lockout.deviceSubjectOf(lockout.subjectOf("someone.else"), "0f8fad5b-d9cb-469f-a165-70867728950e"));
    await lockout.reserve(person);
    expect(await lockout.failed(person)).toMatchObject({ locked: true });
    expect(await lockout.check(phone)).toEqual({ locked: false });
  });

  it("gives a person a recovery budget of their own, which their sign-in lock does not touch", async () => {
    const lockout = new LoginLockout(redis, prefix, randomBytes(32), { maxFailures: 1, lockSeconds: 60 });
    const person = lockout.subjectOf("dana.recovery");
    const recovery = lockout.recoverySubjectOf(person);
    expect(recovery).toBe(lockout.recoverySubjectOf(lockout.subjectOf("DANA.Recovery")));
    expect(recovery).not.toBe(person);
    expect(recovery).not.toBe(lockout.recoverySubjectOf(lockout.subjectOf("someone.else")));
    await lockout.reserve(person);
    expect(await lockout.failed(person)).toMatchObject({ locked: true });
    expect(await lockout.check(recovery)).toEqual({ locked: false });
  });
});
