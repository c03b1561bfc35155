// Security codes and challenge questions through the gateway.
import { DANA, GOOD_PASSWORD, SOLO, testRecords } from "../support/fixtures";
import { enroll } from "../support/journeys";
import { TestSystem } from "../support/system";

describe("step-up", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ stepUpMaxAttempts: 3, lockoutMaxFailures: 50 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, SOLO, "sol.single", { accountType: "BANK", accountNumber: "2100000004" });
  });
  afterAll(() => system.stop());

  const challenge = async (username = "dana.w") => {
    const login = (await system.run("Login", { input: { username, password: GOOD_PASSWORD } })).body.data!.login;
    expect(login.__typename).toBe("StepUpRequired");
    return login.challenge as { id: string; questions: { id: string; text: string }[]; methods: { method: string }[] };
  };
  const send = async (challengeId: string, method = "SMS_CODE") => (await system.run("SendSecurityCode", { input: { challengeId, method } })).body.data!.sendSecurityCode;
  const verify = async (input: Record<string, unknown>) => (await system.run("VerifyStepUp", { input })).body.data!.verifyStepUp;

  it("accepts the right code exactly once among 20 parallel verifies", async () => {
    const { id } = await challenge();
    expect(await send(id)).toMatchObject({ __typename: "SecurityCodeSent", resendAfterSeconds: 30 });
    const code = system.outbox.latestCode(DANA.mobilePhone);
    const results = await Promise.all(Array.from({ length: 20 }, () => verify({ challengeId: id, code })));
    expect(results.filter((r) => r.__typename === "StepUpSucceeded")).toHaveLength(1);
    expect(results.filter((r) => r.__typename === "StepUpRejected")).toHaveLength(19);
    expect((await verify({ challengeId: id, code })).__typename).toBe("StepUpRejected");
  });

  it("refuses a resend within 30 seconds and keeps the code of the first send", async () => {
    const { id } = await challenge();
    const codesBefore = system.outbox.messagesTo(DANA.email).length;
    await send(id, "EMAIL_CODE");
    const again = await send(id, "EMAIL_CODE");
    expect(again).toMatchObject({ __typename: "StepUpRejected", code: "RESEND_TOO_SOON" });
    expect(system.outbox.messagesTo(DANA.email).slice(codesBefore)).toHaveLength(1);
    const verified = await verify({ challengeId: id, code: system.outbox.latestCode(DANA.email) });
    expect(verified.__typename).toBe("StepUpSucceeded");
  });

  it("offers no email code to a person without an email on file", async () => {
    const { id, methods } = await challenge("sol.single");
    expect(methods.map((m) => m.method)).toEqual(["SMS_CODE", "SECURITY_QUESTIONS"]);
    expect(await send(id, "EMAIL_CODE")).toMatchObject({ __typename: "StepUpRejected", code: "METHOD_UNAVAILABLE" });
  });

  it("voids the challenge after STEP_UP_MAX_ATTEMPTS wrong codes, counting down", async () => {
    const { id } = await challenge();
    await send(id);
    const right = system.outbox.latestCode(DANA.mobilePhone);
    const wrong = right === "000000" ? "000001" : "000000";
    expect(await verify({ challengeId: id, code: wrong })).toMatchObject({ code: "INVALID_CODE", attemptsRemaining: 2 });
    expect(await verify({ challengeId: id, code: wrong })).toMatchObject({ code: "INVALID_CODE", attemptsRemaining: 1 });
    expect(await verify({ challengeId: id, code: wrong })).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    expect((await verify({ challengeId: id, code: right })).__typename).toBe("StepUpRejected");
    expect((await system.run("StepUpChallenge", { id })).body.data!.stepUpChallenge).toBeNull();
  });

  it("signs in with the answers to both questions, normalised", async () => {
    const { id, questions } = await challenge();
    const catalog = (await system.run("SecurityQuestionCatalog")).body.data!.securityQuestionCatalog as { id: string }[];
    const words = ["Rex", "Springfield", "Smith"];
    const answerFor = (questionId: string) => words[catalog.findIndex((q) => q.id === questionId)];
    const wrong = await verify({ challengeId: id, answers: questions.map((q) => ({ questionId: q.id, answer: "nope" })) });
    expect(wrong).toMatchObject({ code: "INVALID_ANSWERS" });
    const right = await verify({ challengeId: id, answers: questions.map((q) => ({ questionId: q.id, answer: `  ${answerFor(q.id).toUpperCase()}  ` })) });
    expect(right.__typename).toBe("StepUpSucceeded");
  });

  it("answers CHALLENGE_EXPIRED for an unknown challenge and null from stepUpChallenge", async () => {
    expect(await verify({ challengeId: "no-such-challenge", code: "123456" })).toMatchObject({ code: "CHALLENGE_EXPIRED" });
    expect((await system.run("StepUpChallenge", { id: "no-such-challenge" })).body.data!.stepUpChallenge).toBeNull();
  });
});

describe("step-up codes expire", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ securityCodeTtlSeconds: 1 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
  });
  afterAll(() => system.stop());

  it("refuses the right code after SECURITY_CODE_TTL_SECONDS", async () => {
    const login = (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD } })).body.data!.login;
    await system.run("SendSecurityCode", { input: { challengeId: login.challenge.id, method: "SMS_CODE" } });
    const code = system.outbox.latestCode(DANA.mobilePhone);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const { body } = await system.run("VerifyStepUp", { input: { challengeId: login.challenge.id, code } });
    expect(body.data!.verifyStepUp).toMatchObject({ __typename: "StepUpRejected", code: "CODE_EXPIRED" });
  });
});

describe("wrong step-up codes count toward the lockout", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ lockoutMaxFailures: 3, stepUpMaxAttempts: 10 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
  });
  afterAll(() => system.stop());

  it("locks online access after wrong codes in a row", async () => {
    const login = (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD } })).body.data!.login;
    const challengeId = login.challenge.id;
    await system.run("SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } });
    const right = system.outbox.latestCode(DANA.mobilePhone);
    const wrong = right === "111111" ? "222222" : "111111";
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push((await system.run("VerifyStepUp", { input: { challengeId, code: wrong } })).body.data!.verifyStepUp.code);
    }
    expect(codes.slice(0, 2)).toEqual(["INVALID_CODE", "INVALID_CODE"]);
    const after = (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD } })).body.data!.login;
    expect(after).toMatchObject({ __typename: "LoginRejected", code: "ACCOUNT_LOCKED" });
  });
});
