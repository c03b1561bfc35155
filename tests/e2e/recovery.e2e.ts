// Account recovery through the gateway: forgot username, forgot password (while locked out), and
// the people it cannot help, with the contract's operations.
import type { RecordsFile } from "@oa/platform";
import { DANA, FLEET, GOOD_PASSWORD, LUIS, testRecords, vin } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { eventually, securityResult } from "../support/security-operations";
import { TestSystem } from "../support/system";

const SUPPORT_PHONE = "1-800-555-0100";
const NEW_PASSWORD = "Granite-Orchard-Velvet-63";
const MAX = 5;

/** Enrolled, but the bank has no phone or email for them. */
const NORA = { customerId: "C-100006", taxId: "900-10-0006", firstName: "Nora", lastName: "Quiet", dateOfBirth: "1975-05-05", email: null, mobilePhone: null };
/** Neither enrolled nor reachable. */
const QUINN = { customerId: "C-100007", taxId: "900-10-0007", firstName: "Quinn", lastName: "Unknown", dateOfBirth: "1966-06-06", email: null, mobilePhone: null };

function records(): RecordsFile {
  const base = testRecords();
  return {
    ...base,
    customers: [...base.customers, ...[NORA, QUINN].map(({ customerId, taxId, ...rest }) => ({ id: customerId, taxId: taxId.replace(/-/g, ""), ...rest }))],
    depositAccounts: [
      ...base.depositAccounts,
      { accountNumber: "2100000006", product: "BANK", holders: [NORA.customerId] },
      { accountNumber: "2100000007", product: "BANK", holders: [QUINN.customerId] },
    ],
  };
}

describe("account recovery", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ lockoutMaxFailures: MAX, supportPhone: SUPPORT_PHONE }, records());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
    await enroll(system, { ...NORA }, "nora.q", { accountType: "BANK", accountNumber: "2100000006" });
  });
  afterAll(() => system.stop());

  const startRecovery = (input: Record<string, unknown>) => securityResult(system, "StartRecovery", { input });
  const completeRecovery = (input: Record<string, unknown>) => securityResult(system, "CompleteRecovery", { input });
  const sendCode = async (challengeId: string, method = "SMS_CODE") => (await system.run("SendSecurityCode", { input: { challengeId, method } })).body.data!.sendSecurityCode;
  const login = async (username: string, password: string, deviceToken?: string) => (await system.run("Login", { input: { username, password, deviceToken } })).body.data!.login;
  const me = async (accessToken: string) => (await system.post<{ me: { username: string } | null }>({ query: "{ me { username } }" }, accessToken)).body.data!.me;
  const eventKinds = async (accessToken: string) =>
    (await system.post<{ me: { securityEvents: { kind: string }[] } }>({ query: "{ me { securityEvents(first: 20) { kind } } }" }, accessToken)).body.data!.me.securityEvents.map(
      (event) => event.kind,
    );
  const messagesOf = (person: { mobilePhone: string | null; email: string | null }) =>
    system.outbox.messages().filter((message) => message.to === person.mobilePhone || message.to === person.email);

  describe("forgot username", () => {
    it("answers the username once the code sent to a contact on file is given, and tells every contact without naming it", async () => {
      const started = await startRecovery({ accountType: "BANK", taxId: DANA.taxId, accountNumber: "2100000001" });
      expect(started.__typename).toBe("RecoveryStarted");
      expect(started.challenge.methods).toEqual([
        { method: "SMS_CODE", destination: "***-***-0101" },
        { method: "EMAIL_CODE", destination: "d***@example.com" },
      ]);
      expect(started.challenge.questions).toEqual([]);
      const challengeId = started.challenge.id as string;

      expect(await sendCode(challengeId, "SECURITY_QUESTIONS")).toMatchObject({ code: "METHOD_UNAVAILABLE" });
      expect(await sendCode(challengeId)).toMatchObject({ __typename: "SecurityCodeSent", destination: "***-***-0101" });
      const code = system.outbox.latestCode(DANA.mobilePhone);

      const done = await completeRecovery({ challengeId, code });
      expect(done).toEqual({ __typename: "RecoveryCompleted", username: "dana.w", passwordChanged: false });
      // Single use.
      expect(await completeRecovery({ challengeId, code })).toMatchObject({ __typename: "StepUpRejected", code: "CODE_EXPIRED" });

      const notices = await eventually(
        () => messagesOf(DANA).filter((message) => /username was just recovered/.test(message.body)),
        (found) => found.length === 2,
      );
      expect(notices.map((message) => message.channel).sort()).toEqual(["EMAIL", "SMS"]);
      for (const message of notices) {
        expect(message.body).toContain(SUPPORT_PHONE);
        expect(message.body).not.toMatch(/dana\.w/i);
      }
      const session = await signIn(system, DANA, "dana.w");
      expect(await eventKinds(session.accessToken)).toContain("USERNAME_RECOVERED");
    });

    it("proves an Auto holder by VIN, an account that is no longer eligible included", async () => {
      const byVin = await startRecovery({ accountType: "AUTO", taxId: DANA.taxId, vin: "1hgcv1f34ma000101" });
      expect(byVin.__typename).toBe("RecoveryStarted");
      const paidInFull = await startRecovery({ accountType: "AUTO", taxId: DANA.taxId, accountNumber: "AV-0000000103" });
      expect(paidInFull.__typename).toBe("RecoveryStarted");
    });

    it("never lets a recovery challenge sign in, nor a sign-in challenge recover, and neither uses the other's code", async () => {
      const recovery = (await startRecovery({ accountType: "BANK", taxId: DANA.taxId, accountNumber: "2100000001" })).challenge.id as string;
      await sendCode(recovery, "EMAIL_CODE");
      const recoveryCode = system.outbox.latestCode(DANA.email);
      const signInTry = (await system.run("VerifyStepUp", { input: { challengeId: recovery, code: recoveryCode } })).body.data!.verifyStepUp;
      expect(signInTry).toMatchObject({ __typename: "StepUpRejected", code: "CHALLENGE_EXPIRED" });
      // The recovery was not touched: its code still works there.
      expect(await completeRecovery({ challengeId: recovery, code: recoveryCode })).toMatchObject({ __typename: "RecoveryCompleted", username: "dana.w" });

      const challenge = (await login("dana.w", GOOD_PASSWORD)).challenge.id as string;
      await sendCode(challenge);
      const signInCode = system.outbox.latestCode(DANA.mobilePhone);
      expect(await completeRecovery({ challengeId: challenge, code: signInCode })).toMatchObject({ __typename: "StepUpRejected", code: "CHALLENGE_EXPIRED" });
      const verified = (await system.run("VerifyStepUp", { input: { challengeId: challenge, code: signInCode } })).body.data!.verifyStepUp;
      expect(verified.__typename).toBe("StepUpSucceeded");
    });
  });

  it("takes the old password again as the new one: a reset compares nothing with the password it replaces", async () => {
    const started = await startRecovery({ accountType: "BANK", taxId: DANA.taxId, accountNumber: "2100000001" });
    await sendCode(started.challenge.id, "EMAIL_CODE");
    const done = await completeRecovery({ challengeId: started.challenge.id, code: system.outbox.latestCode(DANA.email), newPassword: GOOD_PASSWORD });
    expect(done).toEqual({ __typename: "RecoveryCompleted", username: "dana.w", passwordChanged: true });
    expect((await login("dana.w", GOOD_PASSWORD)).__typename).toBe("StepUpRequired");
  });

  describe("forgot password while locked out", () => {
    let phone: { accessToken: string; deviceToken: string | undefined };
    let browser: { accessToken: string };

    it("locks the person and their phone with wrong passwords", async () => {
      phone = await signIn(system, LUIS, "luis.o", { name: "Luis's phone", platform: "ANDROID" });
      browser = await signIn(system, LUIS, "luis.o");
      for (let i = 0; i < MAX; i++) await login("luis.o", `not-my-password-${i}`);
      for (let i = 0; i < MAX; i++) await login("luis.o", `not-my-password-${i}`, phone.deviceToken);
      expect(await login("luis.o", GOOD_PASSWORD)).toMatchObject({ code: "ACCOUNT_LOCKED" });
      expect(await login("luis.o", GOOD_PASSWORD, phone.deviceToken)).toMatchObject({ code: "ACCOUNT_LOCKED" });
    });

    it("refuses a new password that breaks a rule before the code is used, and lets the same code set a good one", async () => {
      const started = await startRecovery({ accountType: "INVEST", taxId: LUIS.taxId, accountNumber: "3100000001" });
      const challengeId = started.challenge.id as string;
      expect(await sendCode(challengeId)).toMatchObject({ __typename: "SecurityCodeSent" }); // locked, and still sent
      const code = system.outbox.latestCode(LUIS.mobilePhone);

      const short = await completeRecovery({ challengeId, code, newPassword: "short-one" });
      expect(short).toMatchObject({ __typename: "CredentialChangeRejected", credentialCode: "WEAK_PASSWORD", message: "Your password must be 12 to 128 characters long." });
      // A rule about the person is judged once the code is right, and leaves the code usable.
      const named = await completeRecovery({ challengeId, code, newPassword: "Ortega-Lantern-Copper-88" });
      expect(named).toMatchObject({ __typename: "CredentialChangeRejected", credentialCode: "WEAK_PASSWORD", message: "Your password must not contain your name." });

      const done = await completeRecovery({ challengeId, code, newPassword: NEW_PASSWORD });
      expect(done).toEqual({ __typename: "RecoveryCompleted", username: "luis.o", passwordChanged: true });
    });

    it("ends every old session, lifts the person's and the phone's lock, and takes the new password only", async () => {
      expect(await me(phone.accessToken)).toBeNull();
      expect(await me(browser.accessToken)).toBeNull();
      expect(await login("luis.o", GOOD_PASSWORD)).toMatchObject({ code: "INVALID_CREDENTIALS" });
      expect((await login("luis.o", NEW_PASSWORD)).__typename).toBe("StepUpRequired");
      const fromPhone = await login("luis.o", NEW_PASSWORD, phone.deviceToken);
      expect(fromPhone.__typename).toBe("LoginSucceeded");
      const kinds = await eventKinds(fromPhone.session.accessToken);
      // Newest first: the reset, the lock it lifted, then the sessions it ended.
      const reset = kinds.indexOf("PASSWORD_RESET");
      expect(kinds.slice(reset - 2, reset + 1)).toEqual(["SESSIONS_ENDED", "ACCOUNT_UNLOCKED", "PASSWORD_RESET"]);
      expect(kinds.filter((kind) => kind === "PASSWORD_RESET")).toHaveLength(1);
    });

    it("tells every contact on file that the password was reset, without the username or any password", async () => {
      const notices = await eventually(
        () => messagesOf(LUIS).filter((message) => /password .* was just reset/.test(message.body)),
        (found) => found.length === 2,
      );
      expect(notices.map((message) => message.to).sort()).toEqual([LUIS.email, LUIS.mobilePhone].sort());
      for (const message of messagesOf(LUIS)) {
        expect(message.body).not.toMatch(/luis\.o/i);
        expect(message.body).not.toContain(NEW_PASSWORD);
        expect(message.body).not.toContain(GOOD_PASSWORD);
      }
    });
  });

  describe("people recovery cannot help", () => {
    it("answers NOT_VERIFIED alike for an unknown tax id and for someone else's account", async () => {
      const unknown = await startRecovery({ accountType: "BANK", taxId: "901-00-0001", accountNumber: "2100000001" });
      const notTheirs = await startRecovery({ accountType: "BANK", taxId: FLEET.taxId, accountNumber: "2100000001" });
      expect(unknown).toEqual(notTheirs);
      expect(unknown).toMatchObject({ __typename: "RecoveryRejected", code: "NOT_VERIFIED", retryAfterSeconds: null });
    });

    it("tells a verified person who never enrolled to enroll, before whether a code can reach them", async () => {
      const fleet = await startRecovery({ accountType: "AUTO", taxId: FLEET.taxId, vin: vin("1FTFW1E5", 301) });
      expect(fleet).toMatchObject({ __typename: "RecoveryRejected", code: "NOT_ENROLLED" });
      expect(fleet.message).toMatch(/enroll/i);
      const quinn = await startRecovery({ accountType: "BANK", taxId: QUINN.taxId, accountNumber: "2100000007" });
      expect(quinn).toMatchObject({ code: "NOT_ENROLLED" });
    });

    it("tells an enrolled person with no phone or email on file to call, and opens nothing", async () => {
      const nora = await startRecovery({ accountType: "BANK", taxId: NORA.taxId, accountNumber: "2100000006" });
      expect(nora).toMatchObject({ __typename: "RecoveryRejected", code: "NO_CONTACT_ON_FILE", retryAfterSeconds: null });
      expect(nora.message).toContain(SUPPORT_PHONE);
      expect(nora.message).not.toMatch(/nora/i);
    });

    it("answers malformed input with INVALID_INPUT, naming the field and counting nothing", async () => {
      expect(await startRecovery({ accountType: "BANK", taxId: "12345", accountNumber: "2100000001" })).toMatchObject({
        code: "INVALID_INPUT",
        message: "Enter your SSN or Tax ID as 9 digits.",
      });
      expect(await startRecovery({ accountType: "BANK", taxId: DANA.taxId, vin: "1HGCV1F34MA000101" })).toMatchObject({ code: "INVALID_INPUT" });
      expect(await startRecovery({ accountType: "AUTO", taxId: DANA.taxId, vin: "NOT-A-VIN" })).toMatchObject({ code: "INVALID_INPUT" });
    });

    it("refuses a code for an unknown challenge id without an error", async () => {
      expect(await completeRecovery({ challengeId: "nope", code: "123456" })).toMatchObject({ __typename: "StepUpRejected", code: "CHALLENGE_EXPIRED" });
    });
  });
});
