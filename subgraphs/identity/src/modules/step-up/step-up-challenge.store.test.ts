import { randomBytes } from "node:crypto";
import { closeRedis, createRedis, type RedisClient } from "@oa/platform";
import { TEST_REDIS_URL } from "@oa/platform/testing";
import type { LockoutSubject } from "../lockout/login-lockout";
import { securityCodeHash } from "./security-code";
import { CHALLENGE_SECONDS, StepUpChallengeStore } from "./step-up-challenge.store";
import { StepUpMethod } from "./step-up-method";

const KEY = randomBytes(32);
const MAX_ATTEMPTS = 3;

describe.each([
  ["Redis", TEST_REDIS_URL],
  ["the in-process store", undefined],
])("StepUpChallengeStore on %s", (_name, redisUrl) => {
  const prefix = `oa-test-step-up-${randomBytes(4).toString("hex")}:`;
  let redis: RedisClient;
  let store: StepUpChallengeStore;

  beforeAll(() => {
    redis = createRedis({ redisUrl });
    store = new StepUpChallengeStore(redis, prefix, MAX_ATTEMPTS);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  const open = () =>
    store.open({
      userId: "user-1",
      customerId: "C-1",
      subject: "subject-1" as LockoutSubject,
      questionIds: ["Q2", "Q5"],
      methods: [
        { method: StepUpMethod.SMS_CODE, destination: "***-***-0101" },
        { method: StepUpMethod.SECURITY_QUESTIONS, destination: null },
      ],
    });
  const inAMinute = () => new Date(Date.now() + 60_000);

  it("keeps a challenge with a TTL and reads it back", async () => {
    const challenge = await open();
    const found = await store.find(challenge.id);
    expect(found).toEqual(challenge);
    const ttl = await redis.ttl(`${prefix}identity:step-up:${challenge.id}`);
    expect(ttl).toBeGreaterThan(CHALLENGE_SECONDS - 5);
    expect(ttl).toBeLessThanOrEqual(CHALLENGE_SECONDS);
    expect(await store.find("AAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await store.find("not an id")).toBeNull();
  });

  it("stores only the code's hash and refuses a resend within the interval", async () => {
    const challenge = await open();
    const now = Date.now();
    expect(await store.storeCode(challenge.id, securityCodeHash(KEY, challenge.id, "111111"), inAMinute(), now)).toEqual({ outcome: "sent" });
    const fields = await redis.hgetall(`${prefix}identity:step-up:${challenge.id}`);
    expect(JSON.stringify(fields)).not.toContain("111111");
    expect(await store.storeCode(challenge.id, securityCodeHash(KEY, challenge.id, "222222"), inAMinute(), now + 10_000)).toEqual({
      outcome: "too_soon",
      retryAfterSeconds: 20,
    });
    // After the interval a new code replaces (voids) the previous one.
    expect(await store.storeCode(challenge.id, securityCodeHash(KEY, challenge.id, "333333"), inAMinute(), now + 30_000)).toEqual({ outcome: "sent" });
    expect(await store.tryCode(challenge.id, securityCodeHash(KEY, challenge.id, "111111"))).toEqual({ outcome: "invalid", triesLeft: 2 });
    expect(await store.tryCode(challenge.id, securityCodeHash(KEY, challenge.id, "333333"))).toEqual({ outcome: "completed" });
  });

  it("completes exactly once under 20 parallel tries of the right code", async () => {
    const challenge = await open();
    const hash = securityCodeHash(KEY, challenge.id, "424242");
    await store.storeCode(challenge.id, hash, inAMinute());
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.tryCode(challenge.id, hash)));
    expect(outcomes.filter((result) => result.outcome === "completed")).toHaveLength(1);
    expect(outcomes.filter((result) => result.outcome === "code_expired")).toHaveLength(19);
    expect((await store.find(challenge.id))?.status).toBe("completed");
    expect(await store.storeCode(challenge.id, hash, inAMinute(), Date.now() + 60_000)).toEqual({ outcome: "expired" });
  });

  it("voids the challenge on the last wrong code, even for the right code afterwards", async () => {
    const challenge = await open();
    const right = securityCodeHash(KEY, challenge.id, "000123");
    await store.storeCode(challenge.id, right, inAMinute());
    const wrong = securityCodeHash(KEY, challenge.id, "999999");
    expect(await store.tryCode(challenge.id, wrong)).toEqual({ outcome: "invalid", triesLeft: 2 });
    expect(await store.tryCode(challenge.id, wrong)).toEqual({ outcome: "invalid", triesLeft: 1 });
    expect(await store.tryCode(challenge.id, wrong)).toEqual({ outcome: "voided" });
    expect(await store.tryCode(challenge.id, right)).toEqual({ outcome: "void" });
    expect(await store.storeCode(challenge.id, right, inAMinute(), Date.now() + 60_000)).toEqual({ outcome: "void" });
  });

  it("answers code_expired for the right code after its expiry, without using a try", async () => {
    const challenge = await open();
    const hash = securityCodeHash(KEY, challenge.id, "555555");
    const now = Date.now();
    await store.storeCode(challenge.id, hash, new Date(now + 1_000), now);
    expect(await store.tryCode(challenge.id, hash, now + 1_001)).toEqual({ outcome: "code_expired" });
    expect((await store.find(challenge.id))?.attempts).toBe(0);
  });

  it("treats a code tried before any was sent as a wrong code", async () => {
    const challenge = await open();
    expect(await store.tryCode(challenge.id, "")).toEqual({ outcome: "invalid", triesLeft: 2 });
    expect(await store.tryCode(challenge.id, securityCodeHash(KEY, challenge.id, "000000"))).toEqual({ outcome: "invalid", triesLeft: 1 });
  });

  it("never reserves more answer tries than allowed, however many arrive together", async () => {
    const challenge = await open();
    const reservations = await Promise.all(Array.from({ length: 10 }, () => store.reserveAnswerTry(challenge.id)));
    expect(reservations.filter((result) => result.outcome === "reserved")).toHaveLength(MAX_ATTEMPTS);
    expect(reservations.filter((result) => result.outcome === "busy")).toHaveLength(10 - MAX_ATTEMPTS);
    // Nor a code while the checks under way hold every try left.
    expect(await store.tryCode(challenge.id, "any")).toEqual({ outcome: "busy" });
    // A check under way is not voided by the tries that could not start.
    expect(await store.completeWithAnswers(challenge.id)).toEqual({ outcome: "completed" });
  });

  it("lets a right answer under way complete while parallel wrong ones use up the other tries", async () => {
    const challenge = await open();
    for (let i = 0; i < MAX_ATTEMPTS; i++) expect((await store.reserveAnswerTry(challenge.id)).outcome).toBe("reserved");
    expect(await store.failAnswers(challenge.id)).toEqual({ outcome: "invalid", triesLeft: 2 });
    expect(await store.failAnswers(challenge.id)).toEqual({ outcome: "invalid", triesLeft: 1 });
    expect(await store.reserveAnswerTry(challenge.id)).toEqual({ outcome: "busy" });
    expect(await store.completeWithAnswers(challenge.id)).toEqual({ outcome: "completed" });
  });

  it("completes with answers once, and counts wrong answers down to void", async () => {
    const right = await open();
    expect(await store.reserveAnswerTry(right.id)).toEqual({ outcome: "reserved", triesLeft: 2 });
    expect(await store.completeWithAnswers(right.id)).toEqual({ outcome: "completed" });
    expect(await store.completeWithAnswers(right.id)).toEqual({ outcome: "expired" });
    expect(await store.reserveAnswerTry(right.id)).toEqual({ outcome: "expired" });

    const wrong = await open();
    for (const triesLeft of [2, 1]) {
      expect(await store.reserveAnswerTry(wrong.id)).toEqual({ outcome: "reserved", triesLeft });
      expect(await store.failAnswers(wrong.id)).toEqual({ outcome: "invalid", triesLeft });
    }
    expect(await store.reserveAnswerTry(wrong.id)).toEqual({ outcome: "reserved", triesLeft: 0 });
    expect(await store.failAnswers(wrong.id)).toEqual({ outcome: "voided" });
    expect(await store.failAnswers(wrong.id)).toEqual({ outcome: "void" });
    expect((await store.find(wrong.id))?.status).toBe("void");
  });

  it("reopens a completed challenge, and only a completed one", async () => {
    const challenge = await open();
    await store.reserveAnswerTry(challenge.id);
    await store.completeWithAnswers(challenge.id);
    await store.reopen(challenge.id);
    expect((await store.find(challenge.id))?.status).toBe("pending");
    const voided = await open();
    for (let i = 0; i < MAX_ATTEMPTS; i++) await store.tryCode(voided.id, "x");
    await store.reopen(voided.id);
    expect((await store.find(voided.id))?.status).toBe("void");
  });

  it("lets a code outlive the default challenge time by extending the challenge", async () => {
    const challenge = await open();
    const late = new Date(Date.now() + (CHALLENGE_SECONDS + 600) * 1000);
    await store.storeCode(challenge.id, "h", late);
    expect((await store.find(challenge.id))?.expiresAt).toEqual(late);
    expect(await redis.ttl(`${prefix}identity:step-up:${challenge.id}`)).toBeGreaterThan(CHALLENGE_SECONDS + 500);
  });
});
