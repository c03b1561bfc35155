// Seeing and ending sessions, through the real gateway: me.sessions, endSession, logoutEverywhere
// and removeDevice, each taking effect at once and writing its security event.
import { DANA, GOOD_PASSWORD, LUIS, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { appSignIn, type CookieJar, cookieMeOf, cookieRun, cookieSignIn, meOf, runOperation } from "../support/session-journeys";
import { TestSystem } from "../support/system";

interface ActiveSession {
  id: string;
  delivery: string;
  startedAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
  device: { id: string; name: string; platform: string } | null;
}

describe("seeing and ending sessions", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ securityCodeMaxSends: 100 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
  });
  afterAll(() => system.stop());

  const activity = async (accessToken: string) => {
    const { body } = await runOperation<{ me: { id: string; sessions: ActiveSession[]; securityEvents: { kind: string; deviceName: string | null }[] } }>(
      system,
      "SecurityActivity",
      { first: 30 },
      accessToken,
    );
    expect(body.errors).toBeUndefined();
    return body.data!.me;
  };

  it("lists the user's sessions, the current one first, with its device and delivery", async () => {
    const browser = await cookieSignIn(system, DANA, "dana.w");
    const phone = await appSignIn(system, DANA, "dana.w", "Dana's phone");
    const plain = await signIn(system, DANA, "dana.w");
    const { sessions } = await activity(phone.accessToken);
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({ current: true, delivery: "BEARER", device: { id: phone.deviceId, name: "Dana's phone", platform: "IOS" } });
    // Then newest first: the plain bearer sign-in, then the browser's cookie session.
    expect(sessions.slice(1).map((session) => [session.current, session.delivery, session.device])).toEqual([
      [false, "BEARER", null],
      [false, "COOKIE", null],
    ]);
    for (const session of sessions) {
      expect(session.id).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(session.startedAt)).toBeLessThanOrEqual(Date.parse(session.lastSeenAt));
      expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());
    }
    // No token among them: the id is not the token, and no token is in the answer.
    const { body } = await runOperation(system, "SecurityActivity", {}, phone.accessToken);
    for (const token of [phone.accessToken, plain.accessToken, browser.jar.values.get("__Host-oa-session")!]) expect(JSON.stringify(body)).not.toContain(token);
    // The same list from the browser puts its own session first.
    expect((await browserSessions(browser.jar)).map((session) => [session.current, session.delivery])).toEqual([
      [true, "COOKIE"],
      [false, "BEARER"],
      [false, "BEARER"],
    ]);
  });

  it("endSession ends one of the user's own sessions at once, and only the user's own", async () => {
    const kept = await signIn(system, DANA, "dana.w");
    const lost = await signIn(system, DANA, "dana.w");
    const luis = await signIn(system, LUIS, "luis.o");
    const lostId = (await activity(lost.accessToken)).sessions[0].id;
    const luisId = (await activity(luis.accessToken)).sessions[0].id;

    expect((await runOperation(system, "EndSession", { id: luisId }, kept.accessToken)).body.data).toEqual({ endSession: { __typename: "SessionNotFound", id: luisId } });
    expect(await meOf(system, luis.accessToken)).not.toBeNull();
    for (const id of ["0".repeat(64), "not a session", ""]) {
      expect((await runOperation(system, "EndSession", { id }, kept.accessToken)).body.data).toEqual({ endSession: { __typename: "SessionNotFound", id } });
    }

    expect((await runOperation(system, "EndSession", { id: lostId }, kept.accessToken)).body.data).toEqual({ endSession: { __typename: "SessionEnded", id: lostId } });
    expect(await meOf(system, lost.accessToken)).toBeNull();
    expect(await meOf(system, kept.accessToken)).not.toBeNull();
    expect((await runOperation(system, "EndSession", { id: lostId }, kept.accessToken)).body.data!.endSession.__typename).toBe("SessionNotFound");
    expect((await activity(kept.accessToken)).securityEvents[0].kind).toBe("SESSIONS_ENDED");

    const anonymous = await runOperation(system, "EndSession", { id: lostId });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("endSession of the current session signs it out", async () => {
    const app = await signIn(system, DANA, "dana.w");
    const ownId = (await activity(app.accessToken)).sessions[0].id;
    expect((await runOperation(system, "EndSession", { id: ownId }, app.accessToken)).body.data!.endSession.__typename).toBe("SessionEnded");
    expect(await meOf(system, app.accessToken)).toBeNull();
  });

  it("logoutEverywhere ends every session of the user at once, and no one else's", async () => {
    const sessions = [await signIn(system, LUIS, "luis.o"), await signIn(system, LUIS, "luis.o"), await appSignIn(system, LUIS, "luis.o", "Luis's phone")];
    const browser = await cookieSignIn(system, LUIS, "luis.o");
    const dana = await signIn(system, DANA, "dana.w");
    const live = (await activity(sessions[0].accessToken)).sessions.length;

    const { body } = await runOperation(system, "LogoutEverywhere", {}, sessions[0].accessToken);
    expect(body.data).toEqual({ logoutEverywhere: { loggedOut: true, endedSessions: live } });
    for (const session of sessions) expect(await meOf(system, session.accessToken)).toBeNull();
    expect(await cookieMeOf(system, browser.jar)).toBeNull();
    expect(await meOf(system, dana.accessToken)).not.toBeNull();

    const after = await signIn(system, LUIS, "luis.o");
    const { sessions: now, securityEvents } = await activity(after.accessToken);
    expect(now).toHaveLength(1);
    expect(securityEvents.slice(0, 4).map((event) => event.kind)).toEqual(["SIGNED_IN", "SESSIONS_ENDED", "SIGNED_OUT", "SIGNED_IN"]);
  });

  it("removeDevice ends the device's sessions and refresh tokens, records DEVICE_REMOVED with its name, and leaves the rest", async () => {
    const phone = await appSignIn(system, DANA, "dana.w", "Dana's old phone");
    const again = (await runOperation(system, "LoginOnApp", { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken: phone.deviceToken } })).body.data!.login;
    const laptop = await appSignIn(system, DANA, "dana.w", "Dana's laptop");

    const { body } = await system.run("RemoveDevice", { id: phone.deviceId }, laptop.accessToken);
    expect(body.data!.removeDevice).toEqual({ __typename: "DeviceRemoved", id: phone.deviceId });
    for (const token of [phone.accessToken, again.session.accessToken]) expect(await meOf(system, token)).toBeNull();
    expect(await meOf(system, laptop.accessToken)).not.toBeNull();
    const { sessions, securityEvents } = await activity(laptop.accessToken);
    expect(sessions.some((session) => session.device?.id === phone.deviceId)).toBe(false);
    expect(securityEvents.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: "SESSIONS_ENDED", deviceName: "Dana's old phone" }),
      expect.objectContaining({ kind: "DEVICE_REMOVED", deviceName: "Dana's old phone" }),
    ]);
    const refresh = await runOperation(system, "RefreshSession", { input: { refreshToken: again.session.refreshToken, deviceToken: phone.deviceToken } });
    expect(refresh.body.data!.refreshSession.code).toBe("INVALID_REFRESH_TOKEN");
    // Its token no longer skips step-up.
    const login = await system.run("Login", { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken: phone.deviceToken } });
    expect(login.body.data!.login.__typename).toBe("StepUpRequired");
  });

  it("leaves no session alive on a device removed while sign-ins on it are under way", async () => {
    const phone = await appSignIn(system, LUIS, "luis.o", "Luis's contested phone");
    const other = await signIn(system, LUIS, "luis.o");
    const logins = Array.from({ length: 8 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 15)).then(() =>
        runOperation(system, "LoginOnApp", { input: { username: "luis.o", password: GOOD_PASSWORD, deviceToken: phone.deviceToken } }),
      ),
    );
    const removal = new Promise((resolve) => setTimeout(resolve, 40)).then(() => system.run("RemoveDevice", { id: phone.deviceId }, other.accessToken));
    const [answers, removed] = await Promise.all([Promise.all(logins), removal]);
    expect(removed.body.data!.removeDevice.__typename).toBe("DeviceRemoved");
    for (const { body } of answers) {
      const login = body.data!.login;
      expect(["LoginSucceeded", "StepUpRequired"]).toContain(login.__typename);
      if (login.__typename === "LoginSucceeded") {
        expect(await meOf(system, login.session.accessToken)).toBeNull();
        const refresh = await runOperation(system, "RefreshSession", { input: { refreshToken: login.session.refreshToken, deviceToken: phone.deviceToken } });
        expect(refresh.body.data!.refreshSession.code).toBe("INVALID_REFRESH_TOKEN");
      }
    }
    expect((await activity(other.accessToken)).sessions.filter((session) => session.device?.id === phone.deviceId)).toEqual([]);
  });

  // The browser's list of sessions, as its page's script would ask.
  async function browserSessions(jar: CookieJar): Promise<ActiveSession[]> {
    const { body } = await cookieRun<{ me: { sessions: ActiveSession[] } }>(system, jar, "SecurityActivity");
    return body.data!.me.sessions;
  }
});
