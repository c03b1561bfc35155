// What every contract operation costs in SQL: the statements each subgraph runs for it, through
// the real gateway, asserted exactly so that a change in the cost shows here (and is a choice).
// A Snapshot costs one statement per subgraph whatever the vehicles and devices.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Kind, parse } from "graphql";
import { securityAnswers } from "../../packages/cli/src/journeys/sign-in";
import type { SubgraphName } from "../../packages/cli/src/local-system";
import { DANA, FLEET, GOOD_PASSWORD, SOLO, testRecords } from "../support/fixtures";
import { runOperation } from "../support/session-journeys";
import { TestSystem } from "../support/system";

type Cost = Record<SubgraphName, number>;
const cost = (identity: number, deviceTrust: number, vehicleAccount: number): Cost => ({ identity, "device-trust": deviceTrust, "vehicle-account": vehicleAccount });

// Statements per operation and case: identity, device-trust, vehicle-account. Transactions count
// their BEGIN and COMMIT; a failed sign-in's event is written in the background and counted too.
const EXPECTED: Record<string, Cost> = {
  // Read once per identity process, then kept.
  SecurityQuestionCatalog: cost(0, 0, 0),
  "Enroll (BANK)": cost(10, 0, 0),
  // The account goes on the Snapshot through vehicle-account's internal fields.
  "Enroll (AUTO)": cost(8, 0, 2),
  "Enroll (already enrolled)": cost(4, 0, 0),
  "Login (wrong password)": cost(2, 0, 0),
  "Login (unknown username)": cost(1, 0, 0),
  "Login (new device)": cost(3, 0, 0),
  // The challenge lives in Redis.
  StepUpChallenge: cost(0, 0, 0),
  SendSecurityCode: cost(1, 0, 0),
  "VerifyStepUp (wrong code)": cost(1, 0, 0),
  "VerifyStepUp (remember the device)": cost(2, 1, 0),
  "Login (registered device)": cost(2, 2, 0),
  "Snapshot (1 vehicle account)": cost(1, 1, 1),
  "Snapshot (30 vehicle accounts)": cost(1, 1, 1),
  "AddVehicle (added)": cost(0, 0, 2),
  "AddVehicle (not verified)": cost(0, 0, 1),
  SecurityActivity: cost(2, 1, 0),
  "LoginOnApp (registered device)": cost(2, 2, 0),
  RefreshSession: cost(1, 1, 0),
  "VerifyStepUpOnApp (remember the device)": cost(2, 1, 0),
  EndSession: cost(1, 0, 0),
  RemoveDevice: cost(1, 2, 0),
  Logout: cost(1, 0, 0),
  LogoutEverywhere: cost(2, 0, 0),
  ChangePassword: cost(6, 0, 0),
  ChangeSecurityAnswers: cost(7, 0, 0),
  StartRecovery: cost(5, 0, 0),
  "CompleteRecovery (new password)": cost(7, 1, 0),
};

const NEW_PASSWORD = "Amber-Falcon-Ridge-58";
const NEWER_PASSWORD = "Willow-Granite-Beacon-47";

describe("SQL statements per contract operation", () => {
  let system: TestSystem;
  const measured: Record<string, Cost> = {};
  beforeAll(async () => {
    system = await TestSystem.start({ securityCodeMaxSends: 100, clientMaxFailures: 1000, lockoutMaxFailures: 50 }, testRecords());
    // The question catalog is read once per identity process and kept: read it before counting.
    await system.run("SecurityQuestionCatalog");
  });
  afterAll(async () => {
    process.stdout.write(
      `SQL statements per operation (identity, device-trust, vehicle-account):\n${Object.entries(measured)
        .map(([name, counts]) => `  ${name}: ${counts.identity}, ${counts["device-trust"]}, ${counts["vehicle-account"]}`)
        .join("\n")}\n`,
    );
    await system.stop();
  });

  /** Runs `operation` alone and answers its data, after checking the statements each subgraph ran for it (background writes included). */
  async function costOf(name: string, operation: () => Promise<{ body: { data?: Record<string, any>; errors?: unknown[] } }>): Promise<Record<string, any>> {
    await quiet();
    system.resetStatements();
    const { body } = await operation();
    await quiet();
    expect(body.errors).toBeUndefined();
    measured[name] = system.statementCounts();
    expect([name, measured[name]]).toEqual([name, EXPECTED[name]]);
    return body.data!;
  }
  /** Resolves once no statement has run for a while: a background write (a failed sign-in's event) is done. */
  async function quiet(): Promise<void> {
    for (let seen = -1; seen !== system.subgraphStatements.length; ) {
      seen = system.subgraphStatements.length;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  const run =
    (name: string, variables: Record<string, unknown> = {}, accessToken?: string) =>
    () =>
      runOperation(system, name, variables, accessToken);
  const enrollInput = async (person: { taxId: string }, username: string, account: Record<string, string>) => {
    const { securityQuestionCatalog } = (await system.run("SecurityQuestionCatalog")).body.data!;
    return { taxId: person.taxId, username, password: GOOD_PASSWORD, securityAnswers: securityAnswers(securityQuestionCatalog), ...account };
  };

  let dana: { accessToken: string; deviceToken: string; deviceId: string };

  it("SecurityQuestionCatalog, Enroll with a deposit account and with a vehicle account", async () => {
    const catalog = await costOf("SecurityQuestionCatalog", run("SecurityQuestionCatalog"));
    expect(catalog.securityQuestionCatalog.length).toBeGreaterThanOrEqual(3);
    const bank = await costOf("Enroll (BANK)", run("Enroll", { input: await enrollInput(DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" }) }));
    expect(bank.enroll.__typename).toBe("EnrollmentSucceeded");
    const auto = await costOf("Enroll (AUTO)", run("Enroll", { input: await enrollInput(SOLO, "sol.single", { accountType: "AUTO", accountNumber: "AV-0000000401" }) }));
    expect(auto.enroll.__typename).toBe("EnrollmentSucceeded");
    const again = await costOf("Enroll (already enrolled)", run("Enroll", { input: await enrollInput(DANA, "dana.again", { accountType: "BANK", accountNumber: "2100000001" }) }));
    expect(again.enroll.__typename).toBe("EnrollmentRejected");
  });

  it("Login: wrong password, unknown username, new device (step-up)", async () => {
    const wrong = await costOf("Login (wrong password)", run("Login", { input: { username: "dana.w", password: "not-the-password-1" } }));
    expect(wrong.login.code).toBe("INVALID_CREDENTIALS");
    const unknown = await costOf("Login (unknown username)", run("Login", { input: { username: "nobody.here", password: "not-the-password-1" } }));
    expect(unknown.login.code).toBe("INVALID_CREDENTIALS");
    const stepUp = await costOf("Login (new device)", run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD } }));
    expect(stepUp.login.__typename).toBe("StepUpRequired");
  });

  it("StepUpChallenge, SendSecurityCode, VerifyStepUp remembering the device, Login from it", async () => {
    const challengeId = (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD } })).body.data!.login.challenge.id as string;
    const challenge = await costOf("StepUpChallenge", run("StepUpChallenge", { id: challengeId }));
    expect(challenge.stepUpChallenge.id).toBe(challengeId);
    const sent = await costOf("SendSecurityCode", run("SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } }));
    expect(sent.sendSecurityCode.__typename).toBe("SecurityCodeSent");
    const code = system.outbox.latestCode(DANA.mobilePhone);
    const wrongCode = code === "000000" ? "000001" : "000000";
    const wrong = await costOf("VerifyStepUp (wrong code)", run("VerifyStepUp", { input: { challengeId, code: wrongCode } }));
    expect(wrong.verifyStepUp.code).toBe("INVALID_CODE");
    const verified = await costOf(
      "VerifyStepUp (remember the device)",
      run("VerifyStepUp", { input: { challengeId, code, rememberDevice: { name: "Dana's laptop", platform: "WEB" } } }),
    );
    expect(verified.verifyStepUp.__typename).toBe("StepUpSucceeded");
    const deviceToken = verified.verifyStepUp.registeredDevice.deviceToken as string;
    const login = await costOf("Login (registered device)", run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken } }));
    expect(login.login.__typename).toBe("LoginSucceeded");
    dana = { accessToken: login.login.session.accessToken, deviceToken, deviceId: verified.verifyStepUp.registeredDevice.device.id };
  });

  it("Snapshot: one statement per subgraph, with 1 vehicle account or 30", async () => {
    const solo = (await system.run("Login", { input: { username: "sol.single", password: GOOD_PASSWORD } })).body.data!.login;
    await system.run("SendSecurityCode", { input: { challengeId: solo.challenge.id, method: "SMS_CODE" } });
    const soloCode = system.outbox.latestCode(SOLO.mobilePhone);
    const soloToken = (await system.run("VerifyStepUp", { input: { challengeId: solo.challenge.id, code: soloCode } })).body.data!.verifyStepUp.session.accessToken as string;
    const one = await costOf("Snapshot (1 vehicle account)", run("Snapshot", {}, soloToken));
    expect(one.me.vehicleAccounts).toHaveLength(1);

    const fleet = (await system.run("Enroll", { input: await enrollInput(FLEET, "fran.fleet", { accountType: "AUTO", accountNumber: "AV-3000000000" }) })).body.data!.enroll;
    expect(fleet.__typename).toBe("EnrollmentSucceeded");
    const fran = (await system.run("Login", { input: { username: "fran.fleet", password: GOOD_PASSWORD } })).body.data!.login;
    await system.run("SendSecurityCode", { input: { challengeId: fran.challenge.id, method: "SMS_CODE" } });
    const franVerified = (
      await system.run("VerifyStepUp", {
        input: { challengeId: fran.challenge.id, code: system.outbox.latestCode(FLEET.mobilePhone), rememberDevice: { name: "Fran's phone", platform: "IOS" } },
      })
    ).body.data!.verifyStepUp;
    const franToken = franVerified.session.accessToken as string;
    for (let i = 1; i < 29; i++) await system.run("AddVehicle", { input: { accountNumber: `AV-3${String(i).padStart(9, "0")}` } }, franToken);
    const added = await costOf("AddVehicle (added)", run("AddVehicle", { input: { accountNumber: "AV-3000000029" } }, franToken));
    expect(added.addVehicle.__typename).toBe("VehicleAdded");
    const notVerified = await costOf("AddVehicle (not verified)", run("AddVehicle", { input: { accountNumber: "AV-9999999999" } }, franToken));
    expect(notVerified.addVehicle.code).toBe("NOT_VERIFIED");
    const thirty = await costOf("Snapshot (30 vehicle accounts)", run("Snapshot", {}, franToken));
    expect(thirty.me.vehicleAccounts).toHaveLength(30);
    expect(thirty.me.devices).toHaveLength(1);
    expect(EXPECTED["Snapshot (30 vehicle accounts)"]).toEqual(EXPECTED["Snapshot (1 vehicle account)"]);
  });

  it("SecurityActivity, LoginOnApp, RefreshSession, VerifyStepUpOnApp", async () => {
    const activity = await costOf("SecurityActivity", run("SecurityActivity", { first: 20 }, dana.accessToken));
    expect(activity.me.sessions.length).toBeGreaterThanOrEqual(1);
    const app = await costOf("LoginOnApp (registered device)", run("LoginOnApp", { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken: dana.deviceToken } }));
    expect(app.login.session.refreshToken).toEqual(expect.any(String));
    const refreshed = await costOf("RefreshSession", run("RefreshSession", { input: { refreshToken: app.login.session.refreshToken, deviceToken: dana.deviceToken } }));
    expect(refreshed.refreshSession.__typename).toBe("SessionRefreshed");
    const challengeId = (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD } })).body.data!.login.challenge.id as string;
    await system.run("SendSecurityCode", { input: { challengeId, method: "EMAIL_CODE" } });
    const onApp = await costOf(
      "VerifyStepUpOnApp (remember the device)",
      run("VerifyStepUpOnApp", { input: { challengeId, code: system.outbox.latestCode(DANA.email), rememberDevice: { name: "Dana's phone", platform: "IOS" } } }),
    );
    expect(onApp.verifyStepUp.session.refreshToken).toEqual(expect.any(String));
  });

  it("EndSession, RemoveDevice, Logout, LogoutEverywhere", async () => {
    const second = (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken: dana.deviceToken } })).body.data!.login.session
      .accessToken as string;
    const sessions = (await runOperation(system, "SecurityActivity", { first: 1 }, second)).body.data!.me.sessions as { id: string; current: boolean }[];
    const ended = await costOf("EndSession", run("EndSession", { id: sessions.find((session) => !session.current)!.id }, second));
    expect(ended.endSession.__typename).toBe("SessionEnded");
    const phone = (await runOperation(system, "Snapshot", {}, second)).body.data!.me.devices.find((device: { name: string }) => device.name === "Dana's phone");
    const removed = await costOf("RemoveDevice", run("RemoveDevice", { id: phone.id }, second));
    expect(removed.removeDevice.__typename).toBe("DeviceRemoved");
    const logout = await costOf("Logout", run("Logout", {}, second));
    expect(logout.logout.loggedOut).toBe(true);
    const third = (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken: dana.deviceToken } })).body.data!.login.session
      .accessToken as string;
    const everywhere = await costOf("LogoutEverywhere", run("LogoutEverywhere", {}, third));
    expect(everywhere.logoutEverywhere.loggedOut).toBe(true);
  });

  it("ChangePassword, ChangeSecurityAnswers", async () => {
    const token = (await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken: dana.deviceToken } })).body.data!.login.session
      .accessToken as string;
    const changed = await costOf("ChangePassword", run("ChangePassword", { input: { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD } }, token));
    expect(changed.changePassword.__typename).toBe("PasswordChanged");
    const { securityQuestionCatalog } = (await system.run("SecurityQuestionCatalog")).body.data!;
    const answers = await costOf(
      "ChangeSecurityAnswers",
      run(
        "ChangeSecurityAnswers",
        { input: { currentPassword: NEW_PASSWORD, securityAnswers: securityAnswers(securityQuestionCatalog, ["Biscuit", "Dearborn", "Lakeside"]) } },
        token,
      ),
    );
    expect(answers.changeSecurityAnswers.__typename).toBe("SecurityAnswersChanged");
  });

  it("StartRecovery, CompleteRecovery with a new password", async () => {
    const started = await costOf("StartRecovery", run("StartRecovery", { input: { accountType: "BANK", taxId: DANA.taxId, accountNumber: "2100000001" } }));
    expect(started.startRecovery.__typename).toBe("RecoveryStarted");
    const challengeId = started.startRecovery.challenge.id as string;
    await system.run("SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } });
    const completed = await costOf(
      "CompleteRecovery (new password)",
      run("CompleteRecovery", { input: { challengeId, code: system.outbox.latestCode(DANA.mobilePhone), newPassword: NEWER_PASSWORD } }),
    );
    expect(completed.completeRecovery).toMatchObject({ __typename: "RecoveryCompleted", passwordChanged: true });
  });

  it("counted every contract operation", () => {
    const operations = new Set(Object.keys(measured).map((name) => name.replace(/ \(.*\)$/, "")));
    expect([...operations].sort()).toEqual(contractOperationNames());
  });
});

/** The names of the operations in the contract's operation files, sorted. */
function contractOperationNames(): string[] {
  const folder = path.join(__dirname, "..", "..", "schema", "contract", "operations");
  return readdirSync(folder)
    .filter((file) => file.endsWith(".graphql"))
    .flatMap((file) => parse(readFileSync(path.join(folder, file), "utf8")).definitions)
    .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []))
    .sort();
}
