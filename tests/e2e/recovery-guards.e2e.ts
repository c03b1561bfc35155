// Guessing through account recovery is bounded like every other guess: wrong codes per person
// (toward the sign-in lock, and never more than LOCKOUT_MAX_FAILURES per window even while
// locked), tax ids per account and VIN, and tries per client address.
import type { RedisClient } from "@oa/platform";
import { closeRedis } from "@oa/platform";
import { DANA, FLEET, GOOD_PASSWORD, LUIS, OTHER, SOLO, testRecords, vin } from "../support/fixtures";
import { enroll } from "../support/journeys";
import { eventually, securityResult } from "../support/security-operations";
import { TestSystem } from "../support/system";

const MAX = 5;

/** A tax id of the demo range that nobody on file has. */
const strangerTaxId = (n: number) => `902-${String(Math.floor(n / 10_000) % 100).padStart(2, "0")}-${String(n % 10_000).padStart(4, "0")}`;

/** A wrong code: any six digits but the one sent. */
const wrongCodeFor = (code: string, i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");

describe("recovery guards", () => {
  let system: TestSystem;
  let redis: RedisClient;
  beforeAll(async () => {
    // Room for more tries per challenge than the person's budget, so that the budget is what stops them.
    system = await TestSystem.start({ lockoutMaxFailures: MAX, stepUpMaxAttempts: 10, securityCodeMaxSends: 20, clientMaxFailures: 10_000 }, testRecords());
    redis = system.redis();
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
    await enroll(system, SOLO, "sol.single", { accountType: "BANK", accountNumber: "2100000004" });
    await enroll(system, OTHER, "olga.other", { accountType: "AUTO", vin: "1HGCV1F34MA000501" });
  });
  afterAll(async () => {
    await closeRedis(redis);
    await system.stop();
  });

  const startRecovery = (input: Record<string, unknown>) => securityResult(system, "StartRecovery", { input });
  const completeRecovery = (input: Record<string, unknown>) => securityResult(system, "CompleteRecovery", { input });
  const login = async (username: string, password: string) => (await system.run("Login", { input: { username, password } })).body.data!.login;
  /** A started recovery with a code sent to `to`: its id and the code. */
  const recoveryWithCode = async (input: Record<string, unknown>, to: string, method = "SMS_CODE") => {
    const started = await startRecovery(input);
    expect(started.__typename).toBe("RecoveryStarted");
    const challengeId = started.challenge.id as string;
    const sent = (await system.run("SendSecurityCode", { input: { challengeId, method } })).body.data!.sendSecurityCode;
    expect(sent.__typename).toBe("SecurityCodeSent");
    return { challengeId, code: system.outbox.latestCode(to) };
  };
  const attemptsOn = async (challengeIds: string[]) => {
    let sum = 0;
    for (const id of challengeIds) sum += Number((await redis.hget(`${system.settings.redisKeyPrefix}identity:step-up:${id}`, "attempts")) ?? 0);
    return sum;
  };

  describe("wrong recovery codes", () => {
    let dana: { challengeId: string; code: string };

    it("count toward the person's sign-in lock, which locks once, with its notice", async () => {
      dana = await recoveryWithCode({ accountType: "BANK", taxId: DANA.taxId, accountNumber: "2100000001" }, DANA.mobilePhone);
      const answers = [];
      for (let i = 0; i < MAX; i++) answers.push(await completeRecovery({ challengeId: dana.challengeId, code: wrongCodeFor(dana.code, i) }));
      expect(answers.map((answer) => [answer.code, answer.attemptsRemaining])).toEqual([
        ["INVALID_CODE", 9],
        ["INVALID_CODE", 8],
        ["INVALID_CODE", 7],
        ["INVALID_CODE", 6],
        ["INVALID_CODE", 5],
      ]);
      expect(await login("dana.w", GOOD_PASSWORD)).toMatchObject({ code: "ACCOUNT_LOCKED" });
      const lockNotices = await eventually(
        () => system.outbox.messages().filter((message) => (message.to === DANA.mobilePhone || message.to === DANA.email) && /locked/.test(message.body)),
        (found) => found.length === 2,
      );
      expect(lockNotices).toHaveLength(2);
    });

    it("stop at LOCKOUT_MAX_FAILURES per window, the right code included, once they set the lock", async () => {
      // Dana's five wrong codes used up her recovery budget too: recovery is paused, not a guessing channel.
      expect(await completeRecovery(dana)).toMatchObject({ __typename: "StepUpRejected", code: "ACCOUNT_LOCKED" });
      const again = await startRecovery({ accountType: "BANK", taxId: DANA.taxId, accountNumber: "2100000001" });
      expect(again).toMatchObject({ __typename: "RecoveryRejected", code: "TOO_MANY_ATTEMPTS" });
      expect(again.retryAfterSeconds).toBeGreaterThan(60);
      expect(again.message).toContain(system.settings.supportPhone);
    });

    it("let a person locked out by wrong passwords recover with their phone", async () => {
      for (let i = 0; i < MAX; i++) await login("luis.o", `not-luis-${i}`);
      expect(await login("luis.o", GOOD_PASSWORD)).toMatchObject({ code: "ACCOUNT_LOCKED" });
      const { challengeId, code } = await recoveryWithCode({ accountType: "INVEST", taxId: LUIS.taxId, accountNumber: "3100000001" }, LUIS.mobilePhone);
      expect(await completeRecovery({ challengeId, code: wrongCodeFor(code, 0) })).toMatchObject({ code: "INVALID_CODE" });
      expect(await completeRecovery({ challengeId, code })).toEqual({ __typename: "RecoveryCompleted", username: "luis.o", passwordChanged: false });
    });

    it("give a locked-out person's attacker no more than LOCKOUT_MAX_FAILURES guesses per window", async () => {
      for (let i = 0; i < MAX; i++) await login("sol.single", `not-sol-${i}`);
      const { challengeId, code } = await recoveryWithCode({ accountType: "BANK", taxId: SOLO.taxId, accountNumber: "2100000004" }, SOLO.mobilePhone);
      const answers = [];
      for (let i = 0; i < MAX + 2; i++) answers.push(await completeRecovery({ challengeId, code: wrongCodeFor(code, i) }));
      expect(answers.map((answer) => answer.code)).toEqual([...Array(MAX).fill("INVALID_CODE"), "ACCOUNT_LOCKED", "ACCOUNT_LOCKED"]);
      // Even the right code now: the person is told to wait or call.
      const right = await completeRecovery({ challengeId, code });
      expect(right).toMatchObject({ __typename: "StepUpRejected", code: "ACCOUNT_LOCKED" });
      expect(right.message).toContain(system.settings.supportPhone);
      expect(await attemptsOn([challengeId])).toBe(MAX);
    });

    it("bound a parallel burst over several recoveries to LOCKOUT_MAX_FAILURES checks", async () => {
      const recoveries = [];
      for (let i = 0; i < 3; i++) {
        recoveries.push(await recoveryWithCode({ accountType: "AUTO", taxId: OTHER.taxId, vin: "1HGCV1F34MA000501" }, OTHER.email!, "EMAIL_CODE"));
      }
      const answers = await Promise.all(
        recoveries.flatMap(({ challengeId, code }) => Array.from({ length: 10 }, (_, i) => completeRecovery({ challengeId, code: wrongCodeFor(code, i) }))),
      );
      expect(await attemptsOn(recoveries.map((recovery) => recovery.challengeId))).toBe(MAX);
      expect(answers.filter((answer) => answer.code === "INVALID_CODE")).toHaveLength(MAX);
      expect(answers.filter((answer) => answer.code === "ACCOUNT_LOCKED" || answer.code === "TOO_MANY_ATTEMPTS")).toHaveLength(30 - MAX);
      expect(await login("olga.other", GOOD_PASSWORD)).toMatchObject({ code: "ACCOUNT_LOCKED" });
    });
  });

  describe("startRecovery's verification", () => {
    it("refuses many tax ids against one VIN after 5 verifications, the right one included", async () => {
      const fleetVin = vin("1FTFW1E5", 310);
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => startRecovery({ accountType: "AUTO", taxId: strangerTaxId(i), vin: fleetVin })));
      expect(answers.filter((answer) => answer.code === "NOT_VERIFIED")).toHaveLength(MAX);
      expect(answers.filter((answer) => answer.code === "TOO_MANY_ATTEMPTS")).toHaveLength(40 - MAX);
      const right = await startRecovery({ accountType: "AUTO", taxId: FLEET.taxId, vin: fleetVin });
      expect(right).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
      expect(right.retryAfterSeconds).toBeGreaterThan(60);
    });

    it("counts on the same budget per account number as enrollment", async () => {
      const enrollWith = async (taxId: string) =>
        (
          await system.run("Enroll", {
            input: {
              accountType: "BANK",
              taxId,
              accountNumber: "2100000001",
              username: "some.one.new",
              password: "Copper-Kettle-Moon-42",
              securityAnswers: [
                { questionId: "Q1", answer: "a" },
                { questionId: "Q2", answer: "b" },
                { questionId: "Q3", answer: "c" },
              ],
            },
          })
        ).body.data!.enroll.code as string;
      const codes = [await enrollWith(strangerTaxId(100)), await enrollWith(strangerTaxId(101)), await enrollWith(strangerTaxId(102))];
      for (let i = 0; i < 4; i++) codes.push((await startRecovery({ accountType: "BANK", taxId: strangerTaxId(110 + i), accountNumber: "2100000001" })).code);
      expect(codes).toEqual([...Array(MAX).fill("NOT_VERIFIED"), "TOO_MANY_ATTEMPTS", "TOO_MANY_ATTEMPTS"]);
      expect(await enrollWith(strangerTaxId(120))).toBe("TOO_MANY_ATTEMPTS");
    });
  });
});

describe("recovery from one client address", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ clientMaxFailures: 6 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
  });
  afterAll(() => system.stop());

  it("sends recovery codes from the person's one SECURITY_CODE_MAX_SENDS budget, shared with sign-in", async () => {
    const sent = [];
    for (let i = 0; i < 3; i++) {
      const challengeId = (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD } })).body.data!.login.challenge.id;
      sent.push((await system.run("SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } })).body.data!.sendSecurityCode.__typename);
    }
    for (let i = 0; i < 3; i++) {
      const started = await securityResult(system, "StartRecovery", { input: { accountType: "BANK", taxId: DANA.taxId, accountNumber: "2100000001" } });
      sent.push((await system.run("SendSecurityCode", { input: { challengeId: started.challenge.id, method: "EMAIL_CODE" } })).body.data!.sendSecurityCode.__typename);
    }
    expect(sent).toEqual([...Array(5).fill("SecurityCodeSent"), "StepUpRejected"]);
  });

  it("refuses the address past CLIENT_MAX_FAILURES, across accounts and tax ids, and every other guarded flow with it", async () => {
    const codes = [];
    for (let i = 0; i < 8; i++) {
      const answer = await securityResult(system, "StartRecovery", { input: { accountType: "AUTO", taxId: strangerTaxId(500 + i), vin: vin("1FTFW1E5", 300 + i) } });
      codes.push(answer.code);
    }
    expect(codes).toEqual([...Array(6).fill("NOT_VERIFIED"), "TOO_MANY_ATTEMPTS", "TOO_MANY_ATTEMPTS"]);
    // Dana, right details: refused too, from this address.
    expect(await securityResult(system, "StartRecovery", { input: { accountType: "BANK", taxId: DANA.taxId, accountNumber: "2100000001" } })).toMatchObject({
      code: "TOO_MANY_ATTEMPTS",
    });
    expect((await system.run("Login", { input: { username: "dana.w", password: "wrong-password-1" } })).body.data!.login).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
  });
});
