// Refresh tokens as the apps use them, through the real gateway: only for BEARER sessions on a
// registered device, single use with rotation, a reused one ending its chain, only with the
// device's own deviceToken, and ending with the device, logoutEverywhere and their lifetime.
import { DANA, GOOD_PASSWORD, LUIS, testRecords } from "../support/fixtures";
import { enroll } from "../support/journeys";
import { postJson } from "../support/raw-request";
import { appSignIn, cookieSignIn, meOf, operation, runOperation, sendCode, stepUpChallenge } from "../support/session-journeys";
import { TestSystem } from "../support/system";

interface Refreshed {
  __typename: "SessionRefreshed" | "RefreshRejected";
  session?: { accessToken: string; expiresAt: string; refreshToken: string | null };
  code?: string;
  message?: string;
}

const LOCKOUT_MAX_FAILURES = 3;

describe("refresh tokens", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ securityCodeMaxSends: 100, lockoutMaxFailures: LOCKOUT_MAX_FAILURES, clientMaxFailures: 1000 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
  });
  afterAll(() => system.stop());

  const refresh = async (refreshToken: string, deviceToken: string): Promise<Refreshed> => {
    const { body } = await runOperation<{ refreshSession: Refreshed }>(system, "RefreshSession", { input: { refreshToken, deviceToken } });
    expect(body.errors).toBeUndefined();
    return body.data!.refreshSession;
  };
  const eventKinds = async (accessToken: string) => {
    const { body } = await runOperation(system, "SecurityActivity", { first: 20 }, accessToken);
    return (body.data!.me.securityEvents as { kind: string }[]).map((event) => event.kind);
  };

  it("renews a chain three times: each token works once, each renewal ends the session it came with", async () => {
    const app = await appSignIn(system, DANA, "dana.w", "Dana's phone");
    expect(app.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const danaId = await meOf(system, app.accessToken);
    expect(danaId).not.toBeNull();

    let { accessToken, refreshToken } = { accessToken: app.accessToken, refreshToken: app.refreshToken! };
    const seen = new Set([accessToken, refreshToken]);
    for (let renewal = 1; renewal <= 3; renewal++) {
      const answer = await refresh(refreshToken, app.deviceToken);
      expect(answer.__typename).toBe("SessionRefreshed");
      const session = answer.session!;
      expect(session.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());
      // New every time, and the session it replaces is over at once.
      expect(seen.has(session.accessToken) || seen.has(session.refreshToken!)).toBe(false);
      expect(await meOf(system, session.accessToken)).toBe(danaId);
      expect(await meOf(system, accessToken)).toBeNull();
      ({ accessToken, refreshToken } = { accessToken: session.accessToken, refreshToken: session.refreshToken! });
      seen.add(accessToken).add(refreshToken);
    }
    // The renewed session is on the device it was opened on, and the only one of the chain.
    const { body } = await runOperation(system, "SecurityActivity", {}, accessToken);
    expect(body.data!.me.sessions).toEqual([expect.objectContaining({ current: true, delivery: "BEARER", device: { id: app.deviceId, name: "Dana's phone", platform: "IOS" } })]);
  });

  it("ends every session of the chain when a used token comes back, and its newest token with them", async () => {
    const app = await appSignIn(system, DANA, "dana.w", "Dana's tablet");
    const first = await refresh(app.refreshToken!, app.deviceToken);
    const second = await refresh(first.session!.refreshToken!, app.deviceToken);
    const current = second.session!;
    expect(await meOf(system, current.accessToken)).not.toBeNull();

    // The first token again (a copy in someone else's hands): refused, and the chain is over.
    expect(await refresh(app.refreshToken!, app.deviceToken)).toMatchObject({ __typename: "RefreshRejected", code: "INVALID_REFRESH_TOKEN" });
    expect(await meOf(system, current.accessToken)).toBeNull();
    expect(await refresh(current.refreshToken!, app.deviceToken)).toMatchObject({ __typename: "RefreshRejected", code: "INVALID_REFRESH_TOKEN" });
    // Another chain of the same person goes on; the end is in the activity log.
    const other = await appSignIn(system, DANA, "dana.w", "Dana's watch");
    expect(await meOf(system, other.accessToken)).not.toBeNull();
    expect(await eventKinds(other.accessToken)).toContain("SESSIONS_ENDED");
  });

  it("ends the chain when one token is traded twice at once: at most one renewal survives, and not for long", async () => {
    const app = await appSignIn(system, DANA, "dana.w", "Dana's race phone");
    const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(app.refreshToken!, app.deviceToken)));
    const renewed = answers.filter((answer) => answer.__typename === "SessionRefreshed");
    expect(renewed.length).toBeLessThanOrEqual(1);
    // Every other use was a reuse: the chain ended with whatever it had become.
    for (const answer of renewed) {
      expect(await meOf(system, answer.session!.accessToken)).toBeNull();
      expect((await refresh(answer.session!.refreshToken!, app.deviceToken)).code).toBe("INVALID_REFRESH_TOKEN");
    }
  });

  it("works only with the deviceToken of the device it was opened on, and a wrong one uses nothing up", async () => {
    const phone = await appSignIn(system, DANA, "dana.w", "Dana's other phone");
    const laptop = await appSignIn(system, DANA, "dana.w", "Dana's laptop");
    const luis = await appSignIn(system, LUIS, "luis.o", "Luis's phone");
    for (const deviceToken of [laptop.deviceToken, luis.deviceToken, "x".repeat(43), ""]) {
      expect(await refresh(phone.refreshToken!, deviceToken)).toMatchObject({ __typename: "RefreshRejected", code: "INVALID_REFRESH_TOKEN" });
    }
    expect(await meOf(system, phone.accessToken)).not.toBeNull();
    expect((await refresh(phone.refreshToken!, phone.deviceToken)).__typename).toBe("SessionRefreshed");
  });

  it("is refused after its device is removed, whose sessions end with it", async () => {
    const phone = await appSignIn(system, DANA, "dana.w", "Dana's lost phone");
    const laptop = await appSignIn(system, DANA, "dana.w", "Dana's own laptop");
    const { body } = await system.run("RemoveDevice", { id: phone.deviceId }, laptop.accessToken);
    expect(body.data!.removeDevice).toEqual({ __typename: "DeviceRemoved", id: phone.deviceId });
    expect(await meOf(system, phone.accessToken)).toBeNull();
    expect(await refresh(phone.refreshToken!, phone.deviceToken)).toMatchObject({ __typename: "RefreshRejected", code: "INVALID_REFRESH_TOKEN" });
    // The other device's session and chain go on.
    expect(await meOf(system, laptop.accessToken)).not.toBeNull();
    expect((await refresh(laptop.refreshToken!, laptop.deviceToken)).__typename).toBe("SessionRefreshed");
  });

  it("is refused after logoutEverywhere, even when the session it came with had already been renewed away", async () => {
    const phone = await appSignIn(system, LUIS, "luis.o", "Luis's tablet");
    const web = await appSignIn(system, LUIS, "luis.o", "Luis's desk");
    const renewed = (await refresh(phone.refreshToken!, phone.deviceToken)).session!;
    const { body } = await runOperation(system, "LogoutEverywhere", {}, web.accessToken);
    expect(body.data!.logoutEverywhere.loggedOut).toBe(true);
    expect(body.data!.logoutEverywhere.endedSessions).toBeGreaterThanOrEqual(2);
    for (const token of [phone.accessToken, renewed.accessToken, web.accessToken]) expect(await meOf(system, token)).toBeNull();
    expect((await refresh(renewed.refreshToken!, phone.deviceToken)).code).toBe("INVALID_REFRESH_TOKEN");
    expect((await refresh(web.refreshToken!, web.deviceToken)).code).toBe("INVALID_REFRESH_TOKEN");
  });

  it("ends with logout of the session it is paired with", async () => {
    const phone = await appSignIn(system, LUIS, "luis.o", "Luis's logout phone");
    await system.run("Logout", {}, phone.accessToken);
    expect((await refresh(phone.refreshToken!, phone.deviceToken)).code).toBe("INVALID_REFRESH_TOKEN");
  });

  it("comes with a login from a registered device, and with nothing else: no device, or COOKIE delivery", async () => {
    const phone = await appSignIn(system, DANA, "dana.w", "Dana's app phone");
    const { body } = await runOperation(system, "LoginOnApp", { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken: phone.deviceToken } });
    expect(body.data!.login).toMatchObject({
      __typename: "LoginSucceeded",
      session: { accessToken: expect.any(String), refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
    });
    expect((await refresh(body.data!.login.session.refreshToken, phone.deviceToken)).__typename).toBe("SessionRefreshed");

    // A step-up that registers nothing: a session, but no refresh token.
    const challengeId = await stepUpChallenge(system, "dana.w");
    const code = await sendCode(system, DANA, challengeId);
    const unregistered = await runOperation(system, "VerifyStepUpOnApp", { input: { challengeId, code } });
    expect(unregistered.body.data!.verifyStepUp).toMatchObject({ __typename: "StepUpSucceeded", session: { refreshToken: null }, registeredDevice: null });

    // A web page's COOKIE sign-in: no token of any kind in the answer.
    const { answer } = await cookieSignIn(system, DANA, "dana.w", { name: "Dana's browser", platform: "WEB" });
    expect(answer.body.data!.verifyStepUp.session.accessToken).toBeNull();
    const cookieLogin = await postJson(system.gatewayUrl, {
      query: operation("LoginOnApp"),
      variables: { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken: phone.deviceToken, sessionDelivery: "COOKIE" } },
    });
    expect(JSON.parse(cookieLogin.text).data.login).toMatchObject({ __typename: "LoginSucceeded", session: { accessToken: null, refreshToken: null } });
  });

  it("is refused with ACCOUNT_LOCKED while the device's own sign-ins are locked", async () => {
    const phone = await appSignIn(system, LUIS, "luis.o", "Luis's locked phone");
    for (let i = 0; i < LOCKOUT_MAX_FAILURES; i++) {
      const { body } = await runOperation(system, "LoginOnApp", { input: { username: "luis.o", password: "not the password", deviceToken: phone.deviceToken } });
      expect(body.data!.login.code).toBe("INVALID_CREDENTIALS");
    }
    const locked = await refresh(phone.refreshToken!, phone.deviceToken);
    expect(locked).toMatchObject({ __typename: "RefreshRejected", code: "ACCOUNT_LOCKED" });
    expect(locked.message).toContain(system.settings.supportPhone);
  });

  it("never stores a refresh token, only its hash", async () => {
    const phone = await appSignIn(system, DANA, "dana.w", "Dana's stored phone");
    const renewed = (await refresh(phone.refreshToken!, phone.deviceToken)).session!;
    const redis = system.redis();
    try {
      const keys = await redis.keys(`${system.settings.redisKeyPrefix}*`);
      const values = await Promise.all(
        keys.map(async (key) => {
          const type = await redis.type(key);
          if (type === "string") return (await redis.get(key)) ?? "";
          if (type === "hash") return JSON.stringify(await redis.hgetall(key));
          if (type === "set") return JSON.stringify(await redis.smembers(key));
          return "";
        }),
      );
      const everything = keys.join("\n") + values.join("\n");
      for (const token of [phone.refreshToken!, renewed.refreshToken!, renewed.accessToken, phone.deviceToken]) expect(everything).not.toContain(token);
    } finally {
      redis.disconnect();
    }
  });
});

describe("refresh tokens: the client's budget and their lifetime", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ securityCodeMaxSends: 100, clientMaxFailures: 3, refreshTokenTtlSeconds: 2 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
  });
  afterAll(() => system.stop());

  const refreshFrom = async (localAddress: string, refreshToken: string, deviceToken: string) => {
    const answer = await postJson(system.gatewayUrl, { query: operation("RefreshSession"), variables: { input: { refreshToken, deviceToken } } }, { localAddress });
    return JSON.parse(answer.text).data.refreshSession as Refreshed;
  };

  it("counts a wrong refresh token as a failure of the client address, which then gets nothing checked", async () => {
    const phone = await appSignIn(system, DANA, "dana.w", "Dana's phone");
    for (let i = 0; i < 3; i++) expect((await refreshFrom("127.0.0.3", "y".repeat(43), phone.deviceToken)).code).toBe("INVALID_REFRESH_TOKEN");
    const refused = await refreshFrom("127.0.0.3", phone.refreshToken!, phone.deviceToken);
    expect(refused).toMatchObject({ __typename: "RefreshRejected", code: "INVALID_REFRESH_TOKEN", message: expect.stringContaining("Too many attempts") });
    // Nothing was used up: from another address the same token still works.
    expect((await refreshFrom("127.0.0.4", phone.refreshToken!, phone.deviceToken)).__typename).toBe("SessionRefreshed");
  });

  it("works for REFRESH_TOKEN_TTL_SECONDS after it was issued, and not after", async () => {
    const phone = await appSignIn(system, DANA, "dana.w", "Dana's slow phone");
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    expect((await refreshFrom("127.0.0.5", phone.refreshToken!, phone.deviceToken)).code).toBe("INVALID_REFRESH_TOKEN");
  });
});

describe("refresh tokens: a password change and a reset", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ securityCodeMaxSends: 100 }, testRecords());
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
  });
  afterAll(() => system.stop());

  const refresh = async (refreshToken: string, deviceToken: string) =>
    (await runOperation<{ refreshSession: Refreshed }>(system, "RefreshSession", { input: { refreshToken, deviceToken } })).body.data!.refreshSession;
  const post = async (query: string, input: Record<string, unknown>, accessToken?: string) => {
    const { body } = await system.post<Record<string, any>>({ query, variables: { input } }, accessToken);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data!)[0];
  };

  it("a password change ends the other devices' refresh tokens and keeps the changing session's; a reset ends them all", async () => {
    const phone = await appSignIn(system, LUIS, "luis.o", "Luis's phone");
    const tablet = await appSignIn(system, LUIS, "luis.o", "Luis's tablet");
    const changed = await post(
      "mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on PasswordChanged { endedSessions } ... on CredentialChangeRejected { code message } } }",
      { currentPassword: GOOD_PASSWORD, newPassword: "Amber-Canyon-Willow-58" },
      phone.accessToken,
    );
    expect(changed).toEqual({ __typename: "PasswordChanged", endedSessions: 1 });
    expect((await refresh(tablet.refreshToken!, tablet.deviceToken)).code).toBe("INVALID_REFRESH_TOKEN");
    const renewed = await refresh(phone.refreshToken!, phone.deviceToken);
    expect(renewed.__typename).toBe("SessionRefreshed");

    const started = await post("mutation StartRecovery($input: StartRecoveryInput!) { startRecovery(input: $input) { __typename ... on RecoveryStarted { challenge { id } } } }", {
      accountType: "INVEST",
      taxId: LUIS.taxId,
      accountNumber: "3100000001",
    });
    const challengeId = started.challenge.id as string;
    const code = await sendCode(system, LUIS, challengeId);
    const reset = await post(
      "mutation CompleteRecovery($input: CompleteRecoveryInput!) { completeRecovery(input: $input) { __typename ... on RecoveryCompleted { passwordChanged } } }",
      { challengeId, code, newPassword: "Copper-Meadow-Harbor-73" },
    );
    expect(reset).toEqual({ __typename: "RecoveryCompleted", passwordChanged: true });
    expect(await meOf(system, renewed.session!.accessToken)).toBeNull();
    expect((await refresh(renewed.session!.refreshToken!, phone.deviceToken)).code).toBe("INVALID_REFRESH_TOKEN");
  });
});
