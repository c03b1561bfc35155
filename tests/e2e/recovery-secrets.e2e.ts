// The contract: messages never carry a password, a full tax id, a username or an answer, and no
// log line shows a password, tax id, answer, code, token or username. The recovery and
// credential-change journeys, with their mistakes, run at debug level; then the outbox and
// every log line are searched for each secret that went through.
import { DANA, GOOD_PASSWORD, LUIS, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { eventually, securityResult } from "../support/security-operations";
import { TestSystem } from "../support/system";

const NEW_PASSWORD = "Granite-Orchard-Velvet-63";
const NEWER_PASSWORD = "Saffron-Harbor-Quill-905";
const WRONG_PASSWORD = "Not-The-Password-4471";
const NAMED_PASSWORD = "Ortega-Lantern-Copper-88";
const ANSWERS = [
  { questionId: "Q4", answer: "Studebaker-Secret" },
  { questionId: "Q5", answer: "Lincoln-Secret-School" },
  { questionId: "Q6", answer: "Maple-Secret-Street" },
];

/** Every line the services write to stdout while the suite runs, kept from the test output. */
function captureLogs(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
}

describe("no secret in messages or logs", () => {
  let system: TestSystem;
  let logs: ReturnType<typeof captureLogs>;
  const tokens: string[] = [];
  const triedCodes: string[] = [];

  beforeAll(async () => {
    logs = captureLogs();
    system = await TestSystem.start({ logLevel: "debug" }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });

    const startRecovery = (input: Record<string, unknown>) => securityResult(system, "StartRecovery", { input });
    const completeRecovery = (input: Record<string, unknown>) => securityResult(system, "CompleteRecovery", { input });
    const sendCode = (challengeId: string) => system.run("SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } });

    // Forgot username, with a wrong code first; and a tax id that verifies nothing.
    await startRecovery({ accountType: "BANK", taxId: "901-00-0042", accountNumber: "2100000001" });
    const dana = (await startRecovery({ accountType: "BANK", taxId: DANA.taxId, accountNumber: "2100000001" })).challenge.id as string;
    await sendCode(dana);
    const danaCode = system.outbox.latestCode(DANA.mobilePhone);
    const wrongCode = danaCode === "111111" ? "222222" : "111111";
    triedCodes.push(wrongCode);
    await completeRecovery({ challengeId: dana, code: wrongCode });
    await completeRecovery({ challengeId: dana, code: danaCode });

    // Forgot password: a weak one, then a good one.
    const luis = (await startRecovery({ accountType: "INVEST", taxId: LUIS.taxId, accountNumber: "3100000001" })).challenge.id as string;
    await sendCode(luis);
    const luisCode = system.outbox.latestCode(LUIS.mobilePhone);
    await completeRecovery({ challengeId: luis, code: luisCode, newPassword: NAMED_PASSWORD });
    await completeRecovery({ challengeId: luis, code: luisCode, newPassword: NEW_PASSWORD });

    // Signed in: a wrong current password, a change, new answers.
    const session = await signIn(system, LUIS, "luis.o", undefined).catch(() => null);
    expect(session).toBeNull(); // the old password no longer works
    const { accessToken } = await signInWith(system, NEW_PASSWORD);
    tokens.push(accessToken);
    await securityResult(system, "ChangePassword", { input: { currentPassword: WRONG_PASSWORD, newPassword: NEWER_PASSWORD } }, accessToken);
    await securityResult(system, "ChangePassword", { input: { currentPassword: NEW_PASSWORD, newPassword: NEWER_PASSWORD } }, accessToken);
    await securityResult(system, "ChangeSecurityAnswers", { input: { currentPassword: NEWER_PASSWORD, securityAnswers: ANSWERS } }, accessToken);
    // Every notice is written in the background: wait for the last one.
    await eventually(
      () => system.outbox.messages().filter((message) => /security questions were just changed/.test(message.body)),
      (found) => found.length === 2,
    );
  });
  afterAll(async () => {
    await system?.stop();
    logs.restore();
  });

  /** Signs Luis in with `password` through step-up by code. */
  async function signInWith(on: TestSystem, password: string) {
    const login = (await on.run("Login", { input: { username: "luis.o", password } })).body.data!.login;
    await on.run("SendSecurityCode", { input: { challengeId: login.challenge.id, method: "SMS_CODE" } });
    const code = on.outbox.latestCode(LUIS.mobilePhone);
    const verified = (await on.run("VerifyStepUp", { input: { challengeId: login.challenge.id, code } })).body.data!.verifyStepUp;
    return { accessToken: verified.session.accessToken as string };
  }

  const passwords = [GOOD_PASSWORD, NEW_PASSWORD, NEWER_PASSWORD, WRONG_PASSWORD, NAMED_PASSWORD];
  const taxIds = [DANA.taxId, LUIS.taxId, "901-00-0042"].flatMap((taxId) => [taxId, taxId.replace(/-/g, "")]);
  const usernames = ["dana.w", "luis.o"];
  const answers = ANSWERS.map((answer) => answer.answer);

  it("sends notices that carry no password, tax id, username, answer or code", () => {
    const messages = system.outbox.messages();
    const notices = messages.filter((message) => !/security code is \d{6}/.test(message.body));
    expect(notices.map((message) => message.body.match(/just (recovered|reset|changed)/)?.[0]).filter(Boolean).length).toBeGreaterThanOrEqual(8);
    for (const message of messages) {
      for (const secret of [...passwords, ...taxIds, ...usernames, ...answers]) expect(message.body.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    for (const notice of notices) expect(notice.body).not.toMatch(/\b\d{6}\b/);
  });

  it("logs none of them either, nor any code or token", () => {
    const text = logs.lines.join("");
    expect(logs.lines.length).toBeGreaterThan(20);
    expect(text).toMatch(/"message":"password reset"/);
    const codes = system.outbox
      .messages()
      .map((message) => /security code is (\d{6})/.exec(message.body)?.[1])
      .filter((code): code is string => code !== undefined);
    expect(codes.length).toBeGreaterThanOrEqual(3);
    for (const secret of [...passwords, ...taxIds, ...answers, ...codes, ...triedCodes, ...tokens]) expect(text).not.toContain(secret);
    for (const username of usernames) expect(text.toLowerCase()).not.toContain(username);
  });
});
