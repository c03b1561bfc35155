// The typed client as an app uses it (BEARER, refresh tokens), through the real gateway.
import { GraphQLRequestError, LoginDocument, LogoutDocument, request, SendSecurityCodeDocument, SnapshotDocument, VerifyStepUpDocument } from "@oa/client";
import { DANA, GOOD_PASSWORD, testRecords } from "../support/fixtures";
import { enroll } from "../support/journeys";
import { TestSystem } from "../support/system";

describe("the typed client", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({}, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "AUTO", vin: "1HGCV1F34MA000101" });
  });
  afterAll(() => system.stop());

  it("signs in with step-up, reads the Snapshot and logs out, every answer typed by its document", async () => {
    const url = system.gatewayUrl;
    const { login } = await request(LoginDocument, { input: { username: "dana.w", password: GOOD_PASSWORD } }, { url });
    if (login.__typename !== "StepUpRequired") throw new Error(`login answered ${login.__typename}`);
    const challengeId = login.challenge.id;
    const sent = await request(SendSecurityCodeDocument, { input: { challengeId, method: "SMS_CODE" } }, { url });
    expect(sent.sendSecurityCode.__typename).toBe("SecurityCodeSent");
    const { verifyStepUp } = await request(
      VerifyStepUpDocument,
      { input: { challengeId, code: system.outbox.latestCode(DANA.mobilePhone), rememberDevice: { name: "Dana's phone", platform: "IOS" } } },
      { url },
    );
    if (verifyStepUp.__typename !== "StepUpSucceeded") throw new Error(verifyStepUp.message);
    const accessToken = verifyStepUp.session.accessToken!;
    expect(verifyStepUp.registeredDevice?.device).toMatchObject({ name: "Dana's phone", platform: "IOS", current: true });

    const { me } = await request(SnapshotDocument, {}, { url, accessToken });
    expect(me?.vehicleAccounts.map((account) => account.accountNumberLast4)).toEqual(["0101"]);

    expect(await request(LogoutDocument, {}, { url, accessToken })).toEqual({ logout: { loggedOut: true } });
    const again = request(LogoutDocument, {}, { url, accessToken });
    await expect(again).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(again).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
