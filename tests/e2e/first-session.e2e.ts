// The README's first session, through the real gateway: enroll, sign in with step-up, remember
// the device, see the Snapshot, sign in again from the remembered device, remove it, log out.
import { DANA, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { TestSystem } from "../support/system";

describe("a customer's first session", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({}, testRecords());
  });
  afterAll(() => system.stop());

  let accessToken: string;
  let deviceToken: string;
  let deviceId: string;

  it("enrolls with the VIN of an Auto account", async () => {
    expect(await enroll(system, DANA, "dana.w", { accountType: "AUTO", vin: "1hgcv1f34ma000101" })).toEqual({
      __typename: "EnrollmentSucceeded",
      username: "dana.w",
    });
  });

  it("asks a new device to step up, offering masked contacts and two of the three questions", async () => {
    const { body } = await system.run("Login", { input: { username: "Dana.W", password: "Violet-Harbor-Lantern-42" } });
    const login = body.data!.login;
    expect(login.__typename).toBe("StepUpRequired");
    expect(login.challenge.methods).toEqual([
      { method: "SMS_CODE", destination: expect.stringMatching(/0101$/) },
      { method: "EMAIL_CODE", destination: expect.stringMatching(/@example\.com$/) },
      { method: "SECURITY_QUESTIONS", destination: null },
    ]);
    for (const { destination } of login.challenge.methods.slice(0, 2)) {
      expect(destination).not.toContain("3135550101");
      expect(destination).not.toContain("dana.whitfield");
    }
    expect(login.challenge.questions).toHaveLength(2);
    expect(new Date(login.challenge.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const again = await system.run("StepUpChallenge", { id: login.challenge.id });
    expect(again.body.data!.stepUpChallenge).toEqual(login.challenge);
  });

  it("signs in with the code from the outbox and remembers the device", async () => {
    const session = await signIn(system, DANA, "dana.w", { name: "Dana's phone", platform: "IOS" });
    accessToken = session.accessToken;
    deviceToken = session.deviceToken!;
    deviceId = session.deviceId!;
    expect(deviceToken.length).toBeGreaterThanOrEqual(22);
    const messages = system.outbox.messages();
    expect(messages.some((m) => m.channel === "SMS" && m.to === DANA.mobilePhone && /\b\d{6}\b/.test(m.body))).toBe(true);
    for (const message of messages) {
      expect(message.body).not.toMatch(/dana\.w\b/i);
      expect(message.body).not.toContain("900100001");
      expect(message.body).not.toContain("900-10-0001");
      expect(message.body).not.toContain("AV-0000000101");
      expect(message.body).not.toContain("Violet-Harbor-Lantern-42");
    }
  });

  it("shows the Snapshot: the enrolled vehicle and the device of this session", async () => {
    const { body } = await system.run("Snapshot", {}, accessToken);
    expect(body.errors).toBeUndefined();
    const me = body.data!.me;
    expect(me).toMatchObject({ username: "dana.w", firstName: "Dana" });
    expect(me.vehicleAccounts).toEqual([
      {
        id: expect.any(String),
        accountNumberLast4: "0101",
        vehicle: { year: 2021, make: "Honda", model: "Accord", vinLast6: "000101" },
        creditor: "Ally Financial",
        contract: "RETAIL_INSTALLMENT",
        status: "ACTIVE",
        holderRole: "PRIMARY",
        snapshotEligibility: { eligible: true, reason: null },
      },
    ]);
    expect(me.devices).toEqual([{ id: deviceId, name: "Dana's phone", platform: "IOS", registeredAt: expect.any(String), lastUsedAt: null, current: true }]);
  });

  it("signs in at once from the remembered device and stamps its lastUsedAt", async () => {
    const { body } = await system.run("Login", { input: { username: "dana.w", password: "Violet-Harbor-Lantern-42", deviceToken } });
    expect(body.data!.login.__typename).toBe("LoginSucceeded");
    const token = body.data!.login.session.accessToken;
    const snapshot = await system.run("Snapshot", {}, token);
    const [device] = snapshot.body.data!.me.devices;
    expect(device).toMatchObject({ id: deviceId, current: true });
    expect(new Date(device.lastUsedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("removes the device, which ends the sessions opened on it, after which its token no longer skips step-up", async () => {
    // Removed from a session opened elsewhere (a step-up without remembering the device).
    const elsewhere = (await signIn(system, DANA, "dana.w")).accessToken;
    const removed = await system.run("RemoveDevice", { id: deviceId }, elsewhere);
    expect(removed.body.data!.removeDevice).toEqual({ __typename: "DeviceRemoved", id: deviceId });
    // The sessions opened on the device end with it (contract: removeDevice).
    expect((await system.run("Snapshot", {}, accessToken)).body.data!.me).toBeNull();
    const again = await system.run("RemoveDevice", { id: deviceId }, elsewhere);
    expect(again.body.data!.removeDevice).toEqual({ __typename: "DeviceNotFound", id: deviceId });
    const login = await system.run("Login", { input: { username: "dana.w", password: "Violet-Harbor-Lantern-42", deviceToken } });
    expect(login.body.data!.login.__typename).toBe("StepUpRequired");
    accessToken = elsewhere;
  });

  it("logs out: the token is refused at once", async () => {
    const { body } = await system.run("Logout", {}, accessToken);
    expect(body.data!.logout).toEqual({ loggedOut: true });
    expect((await system.run("Snapshot", {}, accessToken)).body.data!.me).toBeNull();
    const again = await system.run("Logout", {}, accessToken);
    expect(again.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
