import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ServiceMetrics } from "../metrics";
import { closeRedis, createRedis, KeySpace, type RedisClient } from "../redis";
import { openRequestScope, runInRequestScope } from "../request-scope";
import { metricValue, TEST_REDIS_URL } from "../testing";
import { AttemptGuard, type GuardState } from "./attempt-guard";

// The same scripts run on the real server and on the in-process store `npm start` uses.
describe.each([
  ["Redis", TEST_REDIS_URL],
  ["the in-process store", undefined],
])("AttemptGuard on %s", (_name, redisUrl) => {
  let redis: RedisClient;
  const prefix = `oa-test-attempts-${randomBytes(4).toString("hex")}:`;
  let n = 0;
  const subject = () => `subject-${++n}`;

  beforeAll(() => {
    redis = createRedis({ redisUrl });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  const guard = (maxFailures = 3, lockSeconds = 60, waitMs = 2_000) => new AttemptGuard(redis, new KeySpace(prefix, "identity"), "test", { maxFailures, lockSeconds, waitMs });

  /** One checked try that turns out wrong. */
  async function fail(on: AttemptGuard, who: string): Promise<GuardState> {
    const reserved = await on.reserve(who);
    if (reserved.locked || reserved.busy) return reserved;
    return on.failed(who);
  }

  it("locks on the maximum-th failure, says so once, and tells the time left", async () => {
    const on = guard(3);
    const who = subject();
    expect(await fail(on, who)).toEqual({ locked: false });
    expect(await fail(on, who)).toEqual({ locked: false });
    expect(await fail(on, who)).toEqual({ locked: true, retryAfterSeconds: 60, justLocked: true });
    expect(await on.reserve(who)).toMatchObject({ locked: true, justLocked: false });
    expect(await on.check(who)).toMatchObject({ locked: true });
  });

  it("counts each lock once, by guard, in the metrics of the service whose request set it", async () => {
    const metrics = new ServiceMetrics("identity", { processMetrics: false });
    const on = guard(2);
    const who = subject();
    await runInRequestScope(openRequestScope({ headers: {} } as IncomingMessage, metrics), async () => {
      for (let i = 0; i < 4; i++) await fail(on, who);
      await on.countFailure(who);
    });
    expect(metricValue(await metrics.exposition(), 'oa_locks_total{guard="test",service="identity"}')).toBe(1);
  });

  it("does not count released tries, and a success forgets the failures", async () => {
    const on = guard(2);
    const who = subject();
    await fail(on, who);
    for (let i = 0; i < 5; i++) {
      expect(await on.reserve(who)).toEqual({ locked: false });
      await on.release(who);
    }
    await on.release(who); // more ends than checks never go below zero
    expect(await on.reserve(who)).toEqual({ locked: false });
    await on.succeeded(who);
    expect(await fail(on, who)).toEqual({ locked: false });
    expect(await fail(on, who)).toMatchObject({ locked: true });
  });

  it("lets a parallel burst of wrong tries check exactly the failures left, then answers locked", async () => {
    const on = guard(5);
    const who = subject();
    let checks = 0;
    const states = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const reserved = await on.reserve(who);
        if (reserved.locked || reserved.busy) return reserved;
        checks += 1;
        await new Promise((resolve) => setTimeout(resolve, 30)); // the check itself takes a while
        return on.failed(who);
      }),
    );
    expect(checks).toBe(5);
    expect(states.filter((state) => state.locked && state.justLocked)).toHaveLength(1);
    expect(states.filter((state) => !state.locked)).toHaveLength(4);
    expect(states.filter((state) => state.locked && !state.justLocked)).toHaveLength(45);
  });

  it("lets a parallel burst of right tries through, each in its turn, without locking", async () => {
    const on = guard(3);
    const who = subject();
    await fail(on, who); // one failure already: two checks at a time
    const states = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const reserved = await on.reserve(who);
        if (!reserved.locked && !reserved.busy) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          await on.release(who);
        }
        return reserved;
      }),
    );
    expect(states).toEqual(Array(12).fill({ locked: false }));
    expect(await on.check(who)).toEqual({ locked: false });
  });

  it("answers busy when its turn does not come within the wait", async () => {
    const on = guard(1, 60, 100);
    const who = subject();
    expect(await on.reserve(who)).toEqual({ locked: false });
    expect(await on.reserve(who)).toEqual({ locked: false, busy: true });
    await on.release(who);
    expect(await on.reserve(who)).toEqual({ locked: false });
  });

  it("counts unreserved failures with the reserved ones, locking exactly once under parallel ones", async () => {
    const on = guard(5);
    const who = subject();
    expect(await fail(on, who)).toEqual({ locked: false });
    const states = await Promise.all(Array.from({ length: 20 }, () => on.countFailure(who)));
    expect(states.filter((state) => !state.locked)).toHaveLength(3);
    expect(states.filter((state) => state.locked && state.justLocked)).toHaveLength(1);
    await on.reset(who);
    expect(await on.check(who)).toMatchObject({ locked: true }); // a reset forgets failures, not the lock
  });

  it("lifts a lock and the failures with it, saying whether there was one", async () => {
    const on = guard(2);
    const who = subject();
    await fail(on, who);
    expect(await fail(on, who)).toMatchObject({ locked: true, justLocked: true });
    expect(await on.lift(who)).toBe(true);
    expect(await on.check(who)).toEqual({ locked: false });
    expect(await fail(on, who)).toEqual({ locked: false }); // a fresh count: one failure is not the maximum
    expect(await on.lift(who)).toBe(false);
    expect(await fail(on, who)).toEqual({ locked: false }); // the failure before the lift was forgotten
  });

  it("lifts the lock after the lock time, with a fresh count, and forgets failures after the window", async () => {
    const on = guard(2, 1);
    const locked = subject();
    await fail(on, locked);
    expect(await fail(on, locked)).toEqual({ locked: true, retryAfterSeconds: 1, justLocked: true });
    const fading = subject();
    await fail(on, fading);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await on.check(locked)).toEqual({ locked: false });
    expect(await fail(on, locked)).toEqual({ locked: false });
    expect(await fail(on, fading)).toEqual({ locked: false });
  });

  it("keeps subjects and kinds apart, under one hash tag per subject", async () => {
    const on = guard(1);
    const [first, second] = [subject(), subject()];
    await fail(on, first);
    expect(await on.check(first)).toMatchObject({ locked: true });
    expect(await on.check(second)).toEqual({ locked: false });
    expect(await new AttemptGuard(redis, new KeySpace(prefix, "identity"), "other", { maxFailures: 1, lockSeconds: 60 }).check(first)).toEqual({ locked: false });
    expect(await redis.exists(`${prefix}identity:{test:${first}}:lock`)).toBe(1);
  });
});
