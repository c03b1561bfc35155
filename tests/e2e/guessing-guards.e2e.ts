// Guessing is bounded per target and per client, through the real gateway and subgraphs: the
// attacks as a fraudster would run them, in parallel where that helped them.
import type { RedisClient } from "@oa/platform";
import { closeRedis } from "@oa/platform";
import { DANA, FLEET, GOOD_PASSWORD, LUIS, OTHER, testRecords, vin } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { TestSystem } from "../support/system";

const MAX = 5;

/** A tax id of the demo range that nobody on file has. */
const strangerTaxId = (n: number) => `901-${String(Math.floor(n / 10_000) % 100).padStart(2, "0")}-${String(n % 10_000).padStart(4, "0")}`;

describe("guessing guards", () => {
  let system: TestSystem;
  let redis: RedisClient;
  beforeAll(async () => {
    system = await TestSystem.start({ lockoutMaxFailures: MAX, stepUpMaxAttempts: MAX, securityCodeMaxSends: MAX, clientMaxFailures: 10_000 }, testRecords());
    redis = system.redis();
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
  });
  afterAll(async () => {
    await closeRedis(redis);
    await system.stop();
  });

  const enrollWith = async (input: Record<string, unknown>) =>
    (
      await system.run("Enroll", {
        input: {
          username: "new.person",
          password: "Copper-Kettle-Moon-42",
          securityAnswers: [
            { questionId: "Q1", answer: "a" },
            { questionId: "Q2", answer: "b" },
            { questionId: "Q3", answer: "c" },
          ],
          ...input,
        },
      })
    ).body.data!.enroll as { __typename: string; code?: string; message?: string };
  const login = async (username: string, password: string, deviceToken?: string) => (await system.run("Login", { input: { username, password, deviceToken } })).body.data!.login;
  const challengeFor = async (username: string) => {
    const answer = await login(username, GOOD_PASSWORD);
    expect(answer.__typename).toBe("StepUpRequired");
    return answer.challenge as { id: string; questions: { id: string }[] };
  };
  const attemptsOn = async (challengeIds: string[]) => {
    let sum = 0;
    for (const id of challengeIds) sum += Number((await redis.hget(`${system.settings.redisKeyPrefix}identity:step-up:${id}`, "attempts")) ?? 0);
    return sum;
  };

  const voidedOf = async (challengeIds: string[]) => {
    let voided = 0;
    for (const id of challengeIds) if ((await redis.hget(`${system.settings.redisKeyPrefix}identity:step-up:${id}`, "status")) === "void") voided += 1;
    return voided;
  };

  describe("enrollment (finding 1)", () => {
    it("refuses 300 tax ids against one victim's VIN after 5 verifications, the right one included", async () => {
      const fleetVin = vin("1FTFW1E5", 300); // Fran Fleet's first truck; Fran is not enrolled
      const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => enrollWith({ accountType: "AUTO", taxId: strangerTaxId(i), vin: fleetVin })));
      const codes = answers.map((answer) => answer.code);
      expect(codes.filter((code) => code === "NOT_VERIFIED")).toHaveLength(MAX);
      expect(codes.filter((code) => code === "TOO_MANY_ATTEMPTS")).toHaveLength(300 - MAX);
      // The right tax id, now: refused like any other, telling nothing.
      const right = await enrollWith({ accountType: "AUTO", taxId: FLEET.taxId, vin: fleetVin });
      expect(right).toMatchObject({ __typename: "EnrollmentRejected", code: "TOO_MANY_ATTEMPTS" });
    });

    it("refuses many tax ids against one account number after 5 verifications", async () => {
      const codes: string[] = [];
      for (let i = 0; i < 8; i++) codes.push((await enrollWith({ accountType: "BANK", taxId: strangerTaxId(1_000 + i), accountNumber: "2100000004" })).code!);
      expect(codes).toEqual([...Array(MAX).fill("NOT_VERIFIED"), "TOO_MANY_ATTEMPTS", "TOO_MANY_ATTEMPTS", "TOO_MANY_ATTEMPTS"]);
    });

    it("answers a weak password the same for a right and a wrong tax id: the rules come before the verification", async () => {
      const account = { accountType: "AUTO", vin: "1HGCV1F34MA000501" }; // Olga Other's, not enrolled
      const wrong = await enrollWith({ ...account, taxId: strangerTaxId(2_000), password: "short" });
      const right = await enrollWith({ ...account, taxId: OTHER.taxId, password: "short" });
      expect(right).toEqual(wrong);
      expect(right).toMatchObject({ code: "WEAK_PASSWORD" });
      const common = await enrollWith({ ...account, taxId: OTHER.taxId, password: "Password1234!" });
      expect(common).toEqual(await enrollWith({ ...account, taxId: strangerTaxId(2_001), password: "Password1234!" }));
      const bad = await enrollWith({ ...account, taxId: OTHER.taxId, username: "x" });
      expect(bad).toEqual(await enrollWith({ ...account, taxId: strangerTaxId(2_002), username: "x" }));
      expect(bad).toMatchObject({ code: "INVALID_USERNAME" });
    });
  });

  describe("step-up (finding 2)", () => {
    it("bounds wrong answers spread over 10 challenges, 5 parallel sets each, to LOCKOUT_MAX_FAILURES checks", async () => {
      const challenges = await Promise.all(Array.from({ length: 10 }, () => challengeFor("dana.w")));
      const answers = await Promise.all(
        challenges.flatMap((challenge) =>
          Array.from({ length: 5 }, async (_, i) => {
            const input = { challengeId: challenge.id, answers: challenge.questions.map((q) => ({ questionId: q.id, answer: `wrong ${i}` })) };
            return (await system.run("VerifyStepUp", { input })).body.data!.verifyStepUp as { code: string };
          }),
        ),
      );
      const checked = await attemptsOn(challenges.map((challenge) => challenge.id));
      expect(checked).toBe(MAX);
      // Each check answered what it was: INVALID_ANSWERS, or TOO_MANY_ATTEMPTS when it was its challenge's last try.
      const voided = await voidedOf(challenges.map((challenge) => challenge.id));
      expect(answers.filter((answer) => answer.code === "INVALID_ANSWERS")).toHaveLength(MAX - voided);
      expect(answers.filter((answer) => answer.code === "ACCOUNT_LOCKED" || answer.code === "TOO_MANY_ATTEMPTS")).toHaveLength(50 - MAX + voided);
      expect((await login("dana.w", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
    });

    it("bounds wrong codes spread over 10 challenges the same way, codes and answers on one budget", async () => {
      const challenges = await Promise.all(Array.from({ length: 10 }, () => challengeFor("luis.o")));
      // Two wrong answer sets first: they use the same budget as the codes.
      for (const challenge of challenges.slice(0, 2)) {
        const input = { challengeId: challenge.id, answers: challenge.questions.map((q) => ({ questionId: q.id, answer: "nope" })) };
        expect((await system.run("VerifyStepUp", { input })).body.data!.verifyStepUp.code).toBe("INVALID_ANSWERS");
      }
      const answers = await Promise.all(
        challenges.flatMap((challenge) =>
          Array.from({ length: 5 }, async (_, i) => (await system.run("VerifyStepUp", { input: { challengeId: challenge.id, code: `00000${i}` } })).body.data!.verifyStepUp),
        ),
      );
      const ids = challenges.map((challenge) => challenge.id);
      expect(await attemptsOn(ids)).toBe(MAX);
      expect(answers.filter((answer) => answer.code === "INVALID_CODE")).toHaveLength(MAX - 2 - (await voidedOf(ids)));
      expect((await login("luis.o", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
    });
  });
});

describe("security codes per person (finding 3)", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ securityCodeMaxSends: 5 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
  });
  afterAll(() => system.stop());

  it("sends at most SECURITY_CODE_MAX_SENDS codes to one person in a burst, across 10 challenges", async () => {
    const challenges = await Promise.all(
      Array.from({ length: 10 }, async () => (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD } })).body.data!.login.challenge.id as string),
    );
    const answers = await Promise.all(
      challenges.map(async (challengeId) => (await system.run("SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } })).body.data!.sendSecurityCode),
    );
    expect(answers.filter((answer) => answer.__typename === "SecurityCodeSent")).toHaveLength(5);
    expect(answers.filter((answer) => answer.code === "RESEND_TOO_SOON")).toHaveLength(5);
    expect(system.outbox.messagesTo(DANA.mobilePhone)).toHaveLength(5);
    // Email is the same person's budget.
    const email = await system.run("SendSecurityCode", { input: { challengeId: challenges[0], method: "EMAIL_CODE" } });
    expect(email.body.data!.sendSecurityCode).toMatchObject({ code: "RESEND_TOO_SOON" });
    expect(system.outbox.messagesTo(DANA.email)).toHaveLength(0);
  });
});

describe("lockout as a weapon (finding 6)", () => {
  let system: TestSystem;
  let phone: { accessToken: string; deviceToken: string | undefined };
  beforeAll(async () => {
    system = await TestSystem.start({ lockoutMaxFailures: MAX, clientMaxFailures: 12 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    phone = await signIn(system, DANA, "dana.w", { name: "Dana's phone", platform: "IOS" });
  });
  afterAll(() => system.stop());

  const login = async (username: string, password: string, deviceToken?: string, headers: Record<string, string> = {}) =>
    (
      await system.post(
        {
          query: "mutation Login($input: LoginInput!) { login(input: $input) { __typename ... on LoginRejected { code retryAfterSeconds } } }",
          variables: { input: { username, password, deviceToken } },
        },
        undefined,
        headers,
      )
    ).body.data!.login;
  const lockNotices = () => system.outbox.messages().filter((message) => (message.to === DANA.mobilePhone || message.to === DANA.email) && /locked/i.test(message.body));

  it("never locks the owner out of a registered device that presents its token with the right password, and tells them once per lock", async () => {
    for (let i = 0; i < MAX + 5; i++) await login("dana.w", `anonymous-guess-${i}`);
    expect((await login("dana.w", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
    expect((await login("dana.w", GOOD_PASSWORD, phone.deviceToken)).__typename).toBe("LoginSucceeded");
    await new Promise((resolve) => setTimeout(resolve, 300));
    // One lock: one notice per channel, however many tries ran into it.
    expect(lockNotices()).toHaveLength(2);
  });

  it("answers TOO_MANY_ATTEMPTS to a client address past CLIENT_MAX_FAILURES, whatever X-Forwarded-For it claims", async () => {
    // 12 minus the 5 counted above: the client address has 7 failures left.
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await login(`sprayed.user.${i}`, "Winter2026!", undefined, { "x-forwarded-for": `203.0.113.${i}` }));
    expect(answers.slice(0, 7).map((answer) => answer.code)).toEqual(Array(7).fill("INVALID_CREDENTIALS"));
    expect(answers.slice(7).map((answer) => answer.code)).toEqual(Array(3).fill("TOO_MANY_ATTEMPTS"));
    expect(answers[9].retryAfterSeconds).toBeGreaterThan(500);
    // Every guarded flow is refused for that address: enrollment and step-up too.
    const enrolled = await system.run("Enroll", {
      input: {
        accountType: "BANK",
        taxId: LUIS.taxId,
        accountNumber: "3100000001",
        username: "luis.o",
        password: "Copper-Kettle-Moon-42",
        securityAnswers: [
          { questionId: "Q1", answer: "a" },
          { questionId: "Q2", answer: "b" },
          { questionId: "Q3", answer: "c" },
        ],
      },
    });
    expect(enrolled.body.data!.enroll).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
  });
});
