// Changing the password and the security answers of a signed-in person, through the gateway.
import { DANA, GOOD_PASSWORD, LUIS, SOLO, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { eventually, securityResult, sendSecurityOperation } from "../support/security-operations";
import { TestSystem } from "../support/system";

const MAX = 5;
const LOCK_SECONDS = 3;
const NEW_PASSWORD = "Granite-Orchard-Velvet-63";

describe("credential changes", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ lockoutMaxFailures: MAX, lockoutSeconds: LOCK_SECONDS, supportPhone: "1-800-555-0100" }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
    await enroll(system, SOLO, "sol.single", { accountType: "BANK", accountNumber: "2100000004" });
  });
  afterAll(() => system.stop());

  const changePassword = (accessToken: string, currentPassword: string, newPassword: string) =>
    securityResult(system, "ChangePassword", { input: { currentPassword, newPassword } }, accessToken);
  const changeAnswers = (accessToken: string, currentPassword: string, securityAnswers: { questionId: string; answer: string }[]) =>
    securityResult(system, "ChangeSecurityAnswers", { input: { currentPassword, securityAnswers } }, accessToken);
  const login = async (username: string, password: string) => (await system.run("Login", { input: { username, password } })).body.data!.login;
  const me = async (accessToken: string) => (await system.post<{ me: { username: string } | null }>({ query: "{ me { username } }" }, accessToken)).body.data!.me;
  const eventKinds = async (accessToken: string) =>
    (await system.post<{ me: { securityEvents: { kind: string }[] } }>({ query: "{ me { securityEvents(first: 20) { kind } } }" }, accessToken)).body.data!.me.securityEvents.map(
      (event) => event.kind,
    );
  const noticesTo = (person: { mobilePhone: string | null; email: string | null }, pattern: RegExp) =>
    eventually(
      () => system.outbox.messages().filter((message) => (message.to === person.mobilePhone || message.to === person.email) && pattern.test(message.body)),
      (found) => found.length === [person.mobilePhone, person.email].filter(Boolean).length,
    );

  it("needs a session", async () => {
    for (const operation of ["ChangePassword", "ChangeSecurityAnswers"] as const) {
      const input = operation === "ChangePassword" ? { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD } : { currentPassword: GOOD_PASSWORD, securityAnswers: [] };
      const { body } = await sendSecurityOperation(system, operation, { input });
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  describe("a wrong current password", () => {
    it("counts toward the lock like a failed login, until the lock answers for it", async () => {
      const { accessToken } = await signIn(system, DANA, "dana.w");
      const answers = [];
      for (let i = 0; i < MAX + 1; i++) answers.push(await changePassword(accessToken, `not-my-password-${i}`, NEW_PASSWORD));
      expect(answers.map((answer) => answer.code)).toEqual([...Array(MAX).fill("WRONG_CURRENT_PASSWORD"), "ACCOUNT_LOCKED"]);
      expect(answers[0]).toMatchObject({ __typename: "CredentialChangeRejected", retryAfterSeconds: null });
      expect(answers[MAX].retryAfterSeconds).toBeGreaterThan(0);
      expect(answers[MAX].retryAfterSeconds).toBeLessThanOrEqual(LOCK_SECONDS);
      expect(answers[MAX].message).toContain("1-800-555-0100");
      // The right one too, while locked; and sign-in is locked with it: one budget.
      expect(await changePassword(accessToken, GOOD_PASSWORD, NEW_PASSWORD)).toMatchObject({ code: "ACCOUNT_LOCKED" });
      expect(await changeAnswers(accessToken, GOOD_PASSWORD, [])).toMatchObject({ code: "INVALID_ANSWERS" }); // the form first, nothing counted
      expect(await login("dana.w", GOOD_PASSWORD)).toMatchObject({ code: "ACCOUNT_LOCKED" });
      expect(await noticesTo(DANA, /locked/)).toHaveLength(2);
      // The session itself lives on, and the password is unchanged once the lock lifts.
      await new Promise((resolve) => setTimeout(resolve, LOCK_SECONDS * 1000 + 200));
      expect(await me(accessToken)).toEqual({ username: "dana.w" });
      expect((await login("dana.w", GOOD_PASSWORD)).__typename).toBe("StepUpRequired");
    });
  });

  describe("changing the password", () => {
    let current: string;
    let other: string;
    let phone: { accessToken: string; deviceToken: string | undefined };

    beforeAll(async () => {
      current = (await signIn(system, LUIS, "luis.o")).accessToken;
      other = (await signIn(system, LUIS, "luis.o")).accessToken;
      phone = await signIn(system, LUIS, "luis.o", { name: "Luis's phone", platform: "IOS" });
    });

    it("refuses a new password that breaks a rule, naming the rule, and one equal to the current", async () => {
      expect(await changePassword(current, GOOD_PASSWORD, "too-short")).toMatchObject({
        code: "WEAK_PASSWORD",
        message: "Your password must be 12 to 128 characters long.",
      });
      expect(await changePassword(current, GOOD_PASSWORD, GOOD_PASSWORD)).toMatchObject({ code: "SAME_AS_CURRENT" });
      expect(await changePassword(current, GOOD_PASSWORD, "Luis-Lantern-Copper-88")).toMatchObject({
        code: "WEAK_PASSWORD",
        message: "Your password must not contain your name.",
      });
      expect(await changePassword(current, GOOD_PASSWORD, "Copper-Lantern-19791123")).toMatchObject({
        code: "WEAK_PASSWORD",
        message: "Your password must not contain your date of birth.",
      });
      expect(await changePassword(current, GOOD_PASSWORD, "Copper-Lantern-0002-xyz")).toMatchObject({
        code: "WEAK_PASSWORD",
        message: "Your password must not contain digits of your SSN or Tax ID.",
      });
      expect(await me(other)).toEqual({ username: "luis.o" });
    });

    it("ends every other session but not this one, and takes only the new password from then on", async () => {
      expect(await changePassword(current, GOOD_PASSWORD, NEW_PASSWORD)).toEqual({ __typename: "PasswordChanged", endedSessions: 2 });
      expect(await me(current)).toEqual({ username: "luis.o" });
      expect(await me(other)).toBeNull();
      expect(await me(phone.accessToken)).toBeNull();
      expect(await login("luis.o", GOOD_PASSWORD)).toMatchObject({ code: "INVALID_CREDENTIALS" });
      expect((await login("luis.o", NEW_PASSWORD)).__typename).toBe("StepUpRequired");
      const kinds = await eventKinds(current);
      const changed = kinds.indexOf("PASSWORD_CHANGED");
      expect(kinds.slice(changed - 1, changed + 1)).toEqual(["SESSIONS_ENDED", "PASSWORD_CHANGED"]);
    });

    it("tells every contact on file, with neither password nor username", async () => {
      const notices = await noticesTo(LUIS, /password .* was just changed/);
      for (const notice of notices) {
        expect(notice.body).not.toContain(NEW_PASSWORD);
        expect(notice.body).not.toMatch(/luis\.o/i);
      }
    });
  });

  describe("changing the security answers", () => {
    const NEW_ANSWERS = [
      { questionId: "Q4", answer: "Studebaker" },
      { questionId: "Q5", answer: "Lincoln Elementary" },
      { questionId: "Q6", answer: "Maple Street" },
    ];
    let session: string;
    beforeAll(async () => {
      session = (await signIn(system, SOLO, "sol.single")).accessToken;
    });

    it.each([
      ["two answers", NEW_ANSWERS.slice(0, 2), "Answer exactly three security questions."],
      ["four answers", [...NEW_ANSWERS, { questionId: "Q7", answer: "Sunny" }], "Answer exactly three security questions."],
      ["one question twice", [NEW_ANSWERS[0], NEW_ANSWERS[1], { questionId: "Q4", answer: "Ford" }], "Choose three different questions from the list."],
      ["a question not in the catalog", [NEW_ANSWERS[0], NEW_ANSWERS[1], { questionId: "Q99", answer: "x" }], "Choose three different questions from the list."],
      ["an empty answer", [NEW_ANSWERS[0], NEW_ANSWERS[1], { questionId: "Q6", answer: "   " }], "Each answer must be 1 to 100 characters."],
    ])("refuses %s with INVALID_ANSWERS, naming the rule", async (_case, answers, message) => {
      expect(await changeAnswers(session, GOOD_PASSWORD, answers)).toEqual({ __typename: "CredentialChangeRejected", code: "INVALID_ANSWERS", message, retryAfterSeconds: null });
    });

    it("refuses a wrong current password", async () => {
      expect(await changeAnswers(session, "not-the-password", NEW_ANSWERS)).toMatchObject({ code: "WRONG_CURRENT_PASSWORD" });
    });

    it("replaces the answers: the next step-up asks the new questions and takes the new answers only", async () => {
      expect(await changeAnswers(session, GOOD_PASSWORD, NEW_ANSWERS)).toEqual({ __typename: "SecurityAnswersChanged", changed: true });
      const stepUp = async (answerOf: (questionId: string) => string) => {
        const challenge = (await login("sol.single", GOOD_PASSWORD)).challenge as { id: string; questions: { id: string }[] };
        expect(challenge.questions.every((question) => ["Q4", "Q5", "Q6"].includes(question.id))).toBe(true);
        const answers = challenge.questions.map((question) => ({ questionId: question.id, answer: answerOf(question.id) }));
        return (await system.run("VerifyStepUp", { input: { challengeId: challenge.id, answers } })).body.data!.verifyStepUp;
      };
      expect(await stepUp(() => "Rex")).toMatchObject({ code: "INVALID_ANSWERS" });
      const verified = await stepUp((questionId) => NEW_ANSWERS.find((answer) => answer.questionId === questionId)!.answer.toUpperCase());
      expect(verified.__typename).toBe("StepUpSucceeded");
      expect(await eventKinds(verified.session.accessToken)).toContain("SECURITY_ANSWERS_CHANGED");
      const notices = await noticesTo(SOLO, /security questions were just changed/);
      for (const notice of notices) for (const { answer } of NEW_ANSWERS) expect(notice.body.toLowerCase()).not.toContain(answer.toLowerCase());
    });
  });
});
