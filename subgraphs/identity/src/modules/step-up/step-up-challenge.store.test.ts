import { randomBytes } from "node:crypto";
import { closeRedis, createRedis, type RedisClient } from "@oa/platform";
import { TEST_REDIS_URL } from "@oa/platform/testing";
import { decide, type StepUpEvent, type StepUpLimits } from "../../flows/step-up/step-up.machine";
import type { LockoutSubject } from "../lockout/login-lockout";
import type { ChallengePurpose } from "./challenge-state";
import { securityCodeHash } from "./security-code";
import { CHALLENGE_SECONDS, StepUpChallengeStore } from "./step-up-challenge.store";
import { StepUpMethod } from "./step-up-method";

const KEY = randomBytes(32);
const LIMITS: StepUpLimits = { maxAttempts: 3, resendAfterMs: 30_000 };

// The rules are the state machine's (tested on their own); here: that the store keeps them
// atomically, on the real server and on the in-process store `npm start` uses.
describe.each([
  ["Redis", TEST_REDIS_URL],
  ["the in-process store", undefined],
])("StepUpChallengeStore on %s", (_name, redisUrl) => {
  const prefix = `oa-test-step-up-${randomBytes(4).toString("hex")}:`;
  let redis: RedisClient;
  let store: StepUpChallengeStore;

  beforeAll(() => {
    redis = createRedis({ redisUrl });
    store = new StepUpChallengeStore(redis, prefix);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  const open = (purpose: ChallengePurpose = "signIn") =>
    store.open({
      purpose,
      userId: "user-1",
      customerId: "C-1",
      subject: "subject-1" as LockoutSubject,
      questionIds: ["Q2", "Q5"],
      methods: [
        { method: StepUpMethod.SMS_CODE, destination: "***-***-0101" },
        { method: StepUpMethod.SECURITY_QUESTIONS, destination: null },
      ],
    });
  const change = (id: string, event: StepUpEvent) => store.change(id, (challenge) => decide(challenge, event, Date.now(), LIMITS));
  const sendCode = (id: string, code: string, codeExpiresAt = Date.now() + 60_000) =>
    change(id, { type: "sendCode", method: StepUpMethod.SMS_CODE, codeHash: securityCodeHash(KEY, id, code), codeExpiresAt });
  /** One whole try of a code: taken, then settled. */
  const tryCode = async (id: string, code: string) => {
    const codeHash = securityCodeHash(KEY, id, code);
    const taken = await change(id, { type: "takeTry", proof: "code", codeHash, purpose: "signIn" });
    if (taken.outcome !== "tryTaken") return taken;
    return change(id, { type: "settle", proof: { kind: "code", codeHash } });
  };

  it("keeps a challenge with a TTL and reads it back", async () => {
    const challenge = await open();
    const found = await store.find(challenge.id);
    expect(found).toEqual(challenge);
    expect(await store.findPending(challenge.id)).toEqual(challenge);
    const ttl = await redis.ttl(`${prefix}identity:step-up:${challenge.id}`);
    expect(ttl).toBeGreaterThan(CHALLENGE_SECONDS - 5);
    expect(ttl).toBeLessThanOrEqual(CHALLENGE_SECONDS + 1);
    expect(await store.find("AAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await store.find("not an id")).toBeNull();
  });

  it("keeps the purpose a challenge was opened for", async () => {
    const challenge = await open("recovery");
    expect(await store.find(challenge.id)).toMatchObject({ purpose: "recovery" });
    expect((await store.find((await open()).id))?.purpose).toBe("signIn");
  });

  it("stores only the code's hash, and moves the version on with every change", async () => {
    const challenge = await open();
    expect(await sendCode(challenge.id, "111111")).toEqual({ outcome: "codeSent" });
    const fields = await redis.hgetall(`${prefix}identity:step-up:${challenge.id}`);
    expect(JSON.stringify(fields)).not.toContain("111111");
    expect(await sendCode(challenge.id, "222222")).toMatchObject({ outcome: "resendTooSoon" });
    expect((await store.find(challenge.id))?.version).toBe(1);
    expect(await tryCode(challenge.id, "222222")).toEqual({ outcome: "invalid", triesLeft: 2 });
    expect(await tryCode(challenge.id, "111111")).toEqual({ outcome: "completed" });
    expect(await store.find(challenge.id)).toMatchObject({ status: "completed", attempts: 1, checking: 0, version: 5 });
    expect(await store.findPending(challenge.id)).toBeNull();
  });

  it("completes exactly once under 20 parallel tries of the right code, deciding again on every newer state", async () => {
    const challenge = await open();
    await sendCode(challenge.id, "424242");
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => tryCode(challenge.id, "424242")));
    expect(outcomes.filter((result) => result.outcome === "completed")).toHaveLength(1);
    // The others found it completed (by their own code) or every try under way.
    expect(outcomes.filter((result) => result.outcome === "codeExpired" || result.outcome === "busy")).toHaveLength(19);
    expect(await store.find(challenge.id)).toMatchObject({ status: "completed", attempts: 0, checking: 0 });
  });

  it("never takes more tries than allowed under 10 parallel takes, and voids on the last wrong one", async () => {
    const challenge = await open();
    const takes = await Promise.all(Array.from({ length: 10 }, () => change(challenge.id, { type: "takeTry", proof: "answers", codeHash: null, purpose: "signIn" })));
    expect(takes.filter((result) => result.outcome === "tryTaken")).toHaveLength(3);
    expect(takes.filter((result) => result.outcome === "busy")).toHaveLength(7);
    const settles = await Promise.all(Array.from({ length: 3 }, () => change(challenge.id, { type: "settle", proof: { kind: "answers", right: false } })));
    expect(settles.map((result) => result.outcome).sort()).toEqual(["invalid", "invalid", "voided"]);
    expect(await store.find(challenge.id)).toMatchObject({ status: "void", attempts: 3, checking: 0 });
  });

  it("lets a code outlive the default challenge time by extending the challenge and its key", async () => {
    const challenge = await open();
    const late = Date.now() + (CHALLENGE_SECONDS + 600) * 1000;
    await sendCode(challenge.id, "123123", late);
    expect((await store.find(challenge.id))?.expiresAt).toBe(late);
    expect(await redis.ttl(`${prefix}identity:step-up:${challenge.id}`)).toBeGreaterThan(CHALLENGE_SECONDS + 500);
  });

  it("changes nothing for an unknown challenge", async () => {
    expect(await tryCode("AAAAAAAAAAAAAAAAAAAAAA", "000000")).toEqual({ outcome: "challengeExpired" });
    expect(await redis.exists(`${prefix}identity:step-up:AAAAAAAAAAAAAAAAAAAAAA`)).toBe(0);
  });
});
