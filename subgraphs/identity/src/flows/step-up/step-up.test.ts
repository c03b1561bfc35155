import { type IdentityHarness, startIdentityHarness } from "../../testing/identity-harness";
import { lastCodeSentTo, readOutbox, waitForOutbox } from "../../testing/outbox";
import type { TestLogin } from "../../testing/test-logins";

const MAX_ATTEMPTS = 3;
const MAX_FAILURES = 4;

type Challenge = { id: string; expiresAt: string; methods: { method: string; destination: string | null }[]; questions: { id: string; text: string }[] };
type Rejected = { __typename: "StepUpRejected"; code: string; message: string; attemptsRemaining: number | null };
type Sent = { __typename: "SecurityCodeSent"; destination: string; expiresAt: string; resendAfterSeconds: number };
type Succeeded = {
  __typename: "StepUpSucceeded";
  session: { accessToken: string; expiresAt: string };
  registeredDevice: { deviceToken: string; device: { id: string; name: string; platform: string; registeredAt: string; lastUsedAt: string | null; current: boolean } } | null;
};

describe("step-up (identity, real PostgreSQL and Redis)", () => {
  let harness: IdentityHarness;
  let shortCodes: IdentityHarness;

  beforeAll(async () => {
    [harness, shortCodes] = await Promise.all([
      startIdentityHarness({ stepUpMaxAttempts: MAX_ATTEMPTS, lockoutMaxFailures: MAX_FAILURES, supportPhone: "1-800-555-0199" }),
      startIdentityHarness({ securityCodeTtlSeconds: 1 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([harness.close(), shortCodes.close()]);
  });

  async function challengeFor(login: TestLogin, on = harness): Promise<Challenge> {
    const answer = await on.operation<{ login: { __typename: string; challenge: Challenge } }>("Login", {
      input: { username: login.username, password: login.password },
    });
    expect(answer.data?.login.__typename).toBe("StepUpRequired");
    return answer.data!.login.challenge;
  }

  async function send(challengeId: string, method: string, on = harness): Promise<Sent | Rejected> {
    const answer = await on.operation<{ sendSecurityCode: Sent | Rejected }>("SendSecurityCode", { input: { challengeId, method } });
    expect(answer.errors).toBeUndefined();
    return answer.data!.sendSecurityCode;
  }

  async function verify(input: Record<string, unknown>, on = harness): Promise<Succeeded | Rejected> {
    const answer = await on.operation<{ verifyStepUp: Succeeded | Rejected }>("VerifyStepUp", { input });
    expect(answer.errors).toBeUndefined();
    return answer.data!.verifyStepUp;
  }

  async function login(username: string, password: string, deviceToken?: string) {
    const answer = await harness.operation<{ login: { __typename: string; code?: string } }>("Login", { input: { username, password, deviceToken } });
    return answer.data!.login;
  }

  describe("sendSecurityCode", () => {
    it("sends a 6-digit code by SMS to the phone on file and answers with the masked destination", async () => {
      const dana = await harness.createLogin({ mobilePhone: "+15555550123" });
      const challenge = await challengeFor(dana);
      const before = Date.now();
      const sent = (await send(challenge.id, "SMS_CODE")) as Sent;
      expect(sent).toMatchObject({ __typename: "SecurityCodeSent", destination: "***-***-0123", resendAfterSeconds: 30 });
      const lifetime = Date.parse(sent.expiresAt) - before;
      expect(lifetime).toBeGreaterThan(590_000);
      expect(lifetime).toBeLessThanOrEqual(601_000);

      const messages = (await readOutbox(harness.outboxFile)).filter((line) => line.to === "+15555550123");
      expect(messages).toHaveLength(1);
      expect(messages[0].channel).toBe("SMS");
      expect(messages[0].body).toMatch(/^Your Online Access security code is \d{6}\. It expires in 10 minutes\./);
      expect(messages[0].body).not.toContain(dana.username);
      expect(messages[0].body).not.toContain(dana.password);
      expect(messages[0].sentAt).toMatch(/Z$/);
    });

    it("sends by email to the address on file", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      expect(await send(challenge.id, "EMAIL_CODE")).toMatchObject({ destination: "d***@example.com" });
      const messages = (await readOutbox(harness.outboxFile)).filter((line) => line.to === dana.email);
      expect(messages).toHaveLength(1);
      expect(messages[0].channel).toBe("EMAIL");
      const code = await lastCodeSentTo(harness.outboxFile, dana.email!);
      expect(await verify({ challengeId: challenge.id, code })).toMatchObject({ __typename: "StepUpSucceeded" });
    });

    it("refuses a second code within 30 seconds, on either channel, and sends nothing", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      await send(challenge.id, "SMS_CODE");
      const count = (await readOutbox(harness.outboxFile)).length;
      const again = (await send(challenge.id, "EMAIL_CODE")) as Rejected;
      expect(again).toMatchObject({ __typename: "StepUpRejected", code: "RESEND_TOO_SOON", attemptsRemaining: null });
      expect(again.message).toMatch(/\d+ seconds/);
      expect((await send(challenge.id, "SMS_CODE")).__typename).toBe("StepUpRejected");
      expect((await readOutbox(harness.outboxFile)).length).toBe(count);
    });

    it("answers METHOD_UNAVAILABLE for SECURITY_QUESTIONS and for a contact not on file", async () => {
      const noEmail = await harness.createLogin({ email: null });
      const challenge = await challengeFor(noEmail);
      expect(await send(challenge.id, "SECURITY_QUESTIONS")).toMatchObject({ code: "METHOD_UNAVAILABLE" });
      expect(await send(challenge.id, "EMAIL_CODE")).toMatchObject({ code: "METHOD_UNAVAILABLE" });
      expect(await send(challenge.id, "SMS_CODE")).toMatchObject({ __typename: "SecurityCodeSent" });
    });

    it("answers CHALLENGE_EXPIRED for an unknown challenge", async () => {
      expect(await send("AAAAAAAAAAAAAAAAAAAAAA", "SMS_CODE")).toMatchObject({ code: "CHALLENGE_EXPIRED" });
      expect(await send("not-a-challenge", "SMS_CODE")).toMatchObject({ code: "CHALLENGE_EXPIRED" });
    });
  });

  describe("verifyStepUp with a code", () => {
    it("signs in with the right code once; the same code again is refused", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      await send(challenge.id, "SMS_CODE");
      const code = await lastCodeSentTo(harness.outboxFile, dana.mobilePhone!);

      const succeeded = (await verify({ challengeId: challenge.id, code })) as Succeeded;
      expect(succeeded.__typename).toBe("StepUpSucceeded");
      expect(succeeded.registeredDevice).toBeNull();
      const session = await harness.sessionOf(succeeded.session.accessToken);
      expect(session).toMatchObject({ userId: dana.userId, customerId: dana.customerId, deviceId: null });

      expect(await verify({ challengeId: challenge.id, code })).toMatchObject({ code: "CODE_EXPIRED" });
      expect(await verify({ challengeId: challenge.id, code: code === "000000" ? "000001" : "000000" })).toMatchObject({ code: "CHALLENGE_EXPIRED" });
      expect((await harness.operation("StepUpChallenge", { id: challenge.id })).data).toEqual({ stepUpChallenge: null });
      expect(await send(challenge.id, "SMS_CODE")).toMatchObject({ code: "CHALLENGE_EXPIRED" });
    });

    it("lets exactly one of 20 parallel verifies with the right code succeed", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      await send(challenge.id, "SMS_CODE");
      const code = await lastCodeSentTo(harness.outboxFile, dana.mobilePhone!);
      const answers = await Promise.all(Array.from({ length: 20 }, () => verify({ challengeId: challenge.id, code })));
      expect(answers.filter((answer) => answer.__typename === "StepUpSucceeded")).toHaveLength(1);
      const codes = answers.filter((answer): answer is Rejected => answer.__typename === "StepUpRejected").map((answer) => answer.code);
      expect(codes).toHaveLength(19);
      expect(codes.every((code) => code === "CODE_EXPIRED" || code === "CHALLENGE_EXPIRED")).toBe(true);
      // Parallel right codes are no failures: more of them than LOCKOUT_MAX_FAILURES lock nothing.
      expect((await login(dana.username, dana.password)).__typename).toBe("StepUpRequired");
    });

    it("counts wrong codes down, then voids the challenge: TOO_MANY_ATTEMPTS, even for the right code", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      await send(challenge.id, "SMS_CODE");
      const code = await lastCodeSentTo(harness.outboxFile, dana.mobilePhone!);
      const wrong = code === "999999" ? "999998" : "999999";
      const first = (await verify({ challengeId: challenge.id, code: wrong })) as Rejected;
      expect(first).toMatchObject({ code: "INVALID_CODE", attemptsRemaining: 2 });
      expect(first.message).toContain("2 tries");
      expect(await verify({ challengeId: challenge.id, code: wrong })).toMatchObject({ code: "INVALID_CODE", attemptsRemaining: 1 });
      expect(await verify({ challengeId: challenge.id, code: wrong })).toMatchObject({ code: "TOO_MANY_ATTEMPTS", attemptsRemaining: 0 });
      expect(await verify({ challengeId: challenge.id, code })).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
      expect(await send(challenge.id, "EMAIL_CODE")).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
      expect((await harness.operation("StepUpChallenge", { id: challenge.id })).data).toEqual({ stepUpChallenge: null });
    });

    it("a code works only for the challenge it was sent for", async () => {
      const dana = await harness.createLogin();
      const first = await challengeFor(dana);
      const second = await challengeFor(dana);
      await send(first.id, "SMS_CODE");
      const code = await lastCodeSentTo(harness.outboxFile, dana.mobilePhone!);
      expect(await verify({ challengeId: second.id, code })).toMatchObject({ code: "INVALID_CODE" });
      expect(await verify({ challengeId: first.id, code })).toMatchObject({ __typename: "StepUpSucceeded" });
    });

    it("refuses the right code after SECURITY_CODE_TTL_SECONDS with CODE_EXPIRED", async () => {
      const dana = await shortCodes.createLogin();
      const challenge = await challengeFor(dana, shortCodes);
      await send(challenge.id, "SMS_CODE", shortCodes);
      const code = await lastCodeSentTo(shortCodes.outboxFile, dana.mobilePhone!);
      expect((await readOutbox(shortCodes.outboxFile)).at(-1)?.body).toContain("It expires in 1 second.");
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(await verify({ challengeId: challenge.id, code }, shortCodes)).toMatchObject({ code: "CODE_EXPIRED", attemptsRemaining: null });
    });

    it("wrong codes count toward the lock; then logins and codes answer ACCOUNT_LOCKED", async () => {
      const dana = await harness.createLogin();
      const first = await challengeFor(dana);
      for (let i = 0; i < MAX_ATTEMPTS; i++) await verify({ challengeId: first.id, code: `00000${i}` });
      const second = await challengeFor(dana);
      // The wrong code that sets the lock is answered as what it was; the lock answers from then on.
      expect(await verify({ challengeId: second.id, code: "123123" })).toMatchObject({ code: "INVALID_CODE" });
      const locked = await verify({ challengeId: second.id, code: "123456" });
      expect(locked).toMatchObject({ code: "ACCOUNT_LOCKED" });
      expect((locked as Rejected).message).toContain("1-800-555-0199");
      expect(await login(dana.username, dana.password)).toMatchObject({ code: "ACCOUNT_LOCKED" });
      expect(await send(second.id, "SMS_CODE")).toMatchObject({ code: "ACCOUNT_LOCKED" });
      const notices = await waitForOutbox(harness.outboxFile, (lines) => lines.some((line) => line.to === dana.email && /locked/.test(line.body)));
      expect(notices.filter((line) => /locked/.test(line.body) && (line.to === dana.email || line.to === dana.mobilePhone))).toHaveLength(2);
    });

    it("answers METHOD_UNAVAILABLE when given both a code and answers, or neither", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      const answers = challenge.questions.map((question) => ({ questionId: question.id, answer: dana.answers[question.id] }));
      expect(await verify({ challengeId: challenge.id, code: "123456", answers })).toMatchObject({ code: "METHOD_UNAVAILABLE" });
      expect(await verify({ challengeId: challenge.id })).toMatchObject({ code: "METHOD_UNAVAILABLE" });
      expect(await verify({ challengeId: challenge.id, answers })).toMatchObject({ __typename: "StepUpSucceeded" });
    });
  });

  describe("verifyStepUp with the security questions", () => {
    it("signs in with both answers, however they are cased and spaced", async () => {
      const dana = await harness.createLogin({ mobilePhone: null, email: null });
      const challenge = await challengeFor(dana);
      const answers = challenge.questions.map((question) => ({
        questionId: question.id,
        answer: `  ${dana.answers[question.id].toUpperCase().replace(/ /g, "   ")} `,
      }));
      expect(await verify({ challengeId: challenge.id, code: "123456" })).toMatchObject({ code: "METHOD_UNAVAILABLE" });
      expect(await verify({ challengeId: challenge.id, answers })).toMatchObject({ __typename: "StepUpSucceeded" });
      expect(await verify({ challengeId: challenge.id, answers })).toMatchObject({ code: "CHALLENGE_EXPIRED" });
    });

    it("refuses one wrong answer, answers to other questions, or one answer only, counting each try", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      const [first, second] = challenge.questions;
      const other = Object.keys(dana.answers).find((id) => id !== first.id && id !== second.id)!;
      expect(
        await verify({
          challengeId: challenge.id,
          answers: [
            { questionId: first.id, answer: dana.answers[first.id] },
            { questionId: second.id, answer: "not it" },
          ],
        }),
      ).toMatchObject({ code: "INVALID_ANSWERS", attemptsRemaining: 2 });
      expect(
        await verify({
          challengeId: challenge.id,
          answers: [
            { questionId: first.id, answer: dana.answers[first.id] },
            { questionId: other, answer: dana.answers[other] },
          ],
        }),
      ).toMatchObject({ code: "INVALID_ANSWERS", attemptsRemaining: 1 });
      expect(await verify({ challengeId: challenge.id, answers: [{ questionId: first.id, answer: dana.answers[first.id] }] })).toMatchObject({
        code: "TOO_MANY_ATTEMPTS",
      });
    });

    it("never checks more answers than the challenge allows under parallel tries", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      const wrong = challenge.questions.map((question) => ({ questionId: question.id, answer: "wrong" }));
      const answers = await Promise.all(Array.from({ length: 10 }, () => verify({ challengeId: challenge.id, answers: wrong })));
      const codes = answers.map((answer) => (answer as Rejected).code);
      // Exactly MAX_ATTEMPTS checks: the last of them voids the challenge; the rest never start.
      expect(codes.filter((code) => code === "INVALID_ANSWERS")).toHaveLength(MAX_ATTEMPTS - 1);
      expect(codes.filter((code) => code === "TOO_MANY_ATTEMPTS")).toHaveLength(10 - (MAX_ATTEMPTS - 1));
      // Three failures of the four that lock: the person can still sign in with a new challenge.
      expect((await challengeFor(dana)).id).not.toBe(challenge.id);
    });

    it("lets exactly one of 20 parallel verifies with the right answers succeed, and locks nothing", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      const right = challenge.questions.map((question) => ({ questionId: question.id, answer: dana.answers[question.id] }));
      const answers = await Promise.all(Array.from({ length: 20 }, () => verify({ challengeId: challenge.id, answers: right })));
      expect(answers.filter((answer) => answer.__typename === "StepUpSucceeded")).toHaveLength(1);
      const codes = answers.filter((answer): answer is Rejected => answer.__typename === "StepUpRejected").map((answer) => answer.code);
      expect(codes.every((code) => code === "CHALLENGE_EXPIRED" || code === "TOO_MANY_ATTEMPTS")).toBe(true);
      expect((await login(dana.username, dana.password)).__typename).toBe("StepUpRequired");
    });
  });

  describe("rememberDevice", () => {
    it("registers the device with device-trust, returns its token once, and the token then skips step-up", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      const answers = challenge.questions.map((question) => ({ questionId: question.id, answer: dana.answers[question.id] }));
      const succeeded = (await verify({ challengeId: challenge.id, answers, rememberDevice: { name: "  Dana's iPhone  ", platform: "IOS" } })) as Succeeded;
      expect(succeeded.__typename).toBe("StepUpSucceeded");
      const registered = succeeded.registeredDevice!;
      expect(registered.device).toMatchObject({ name: "Dana's iPhone", platform: "IOS", lastUsedAt: null, current: true });
      expect(registered.device.registeredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(harness.deviceTrust.calls.filter((call) => call.field === "registerDevice").at(-1)).toMatchObject({
        caller: "identity",
        variables: { userId: dana.userId, name: "Dana's iPhone", platform: "IOS" },
      });
      expect(await harness.sessionOf(succeeded.session.accessToken)).toMatchObject({ deviceId: registered.device.id });

      const again = await harness.operation<{ login: { __typename: string } }>("Login", {
        input: { username: dana.username, password: dana.password, deviceToken: registered.deviceToken },
      });
      expect(again.data?.login.__typename).toBe("LoginSucceeded");

      const notices = await waitForOutbox(harness.outboxFile, (lines) => lines.filter((line) => /new iOS device/.test(line.body) && line.to === dana.email).length > 0);
      const mine = notices.filter((line) => /new iOS device/.test(line.body) && (line.to === dana.email || line.to === dana.mobilePhone));
      expect(mine.map((line) => line.channel).sort()).toEqual(["EMAIL", "SMS"]);
      expect(mine[0].body).not.toContain("Dana's iPhone");
      expect(mine[0].body).not.toContain(registered.deviceToken);
    });

    it("refuses an empty or over-long device name with BAD_USER_INPUT before using anything up", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      await send(challenge.id, "SMS_CODE");
      const code = await lastCodeSentTo(harness.outboxFile, dana.mobilePhone!);
      for (const name of ["   ", "x".repeat(65)]) {
        const answer = await harness.operation("VerifyStepUp", { input: { challengeId: challenge.id, code, rememberDevice: { name, platform: "WEB" } } });
        expect(answer.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      }
      const succeeded = (await verify({ challengeId: challenge.id, code, rememberDevice: { name: "x".repeat(64), platform: "WEB" } })) as Succeeded;
      expect(succeeded.registeredDevice?.device.name).toBe("x".repeat(64));
    });

    it("keeps the challenge open when device-trust cannot register the device", async () => {
      const dana = await harness.createLogin();
      const challenge = await challengeFor(dana);
      const answers = challenge.questions.map((question) => ({ questionId: question.id, answer: dana.answers[question.id] }));
      harness.deviceTrust.failing = true;
      try {
        const answer = await harness.operation("VerifyStepUp", { input: { challengeId: challenge.id, answers, rememberDevice: { name: "Laptop", platform: "WEB" } } });
        expect(answer.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
      } finally {
        harness.deviceTrust.failing = false;
      }
      expect(await verify({ challengeId: challenge.id, answers, rememberDevice: { name: "Laptop", platform: "WEB" } })).toMatchObject({
        __typename: "StepUpSucceeded",
      });
    });
  });

  it("a successful step-up resets the lockout count", async () => {
    const dana = await harness.createLogin();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await login(dana.username, "wrong");
    const challenge = await challengeFor(dana);
    const answers = challenge.questions.map((question) => ({ questionId: question.id, answer: dana.answers[question.id] }));
    expect(await verify({ challengeId: challenge.id, answers })).toMatchObject({ __typename: "StepUpSucceeded" });
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect(await login(dana.username, "wrong")).toMatchObject({ code: "INVALID_CREDENTIALS" });
  });
});
