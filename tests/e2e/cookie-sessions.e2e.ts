// Sessions for web pages, through the real gateway: the HttpOnly session and device cookies, the
// CSRF rule (a cookie counts only on a request that cannot be a cross-site simple request), CORS
// with credentials for WEB_ORIGINS only, and bearer clients exactly as before.
import { DANA, GOOD_PASSWORD, LUIS, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { rawRequest } from "../support/raw-request";
import { CookieJar, cookieMeOf, cookiePost, cookieRun, cookieSignIn, meOf, runOperation } from "../support/session-journeys";
import { TestSystem } from "../support/system";

const WEB_ORIGIN = "https://online.example.com";
const ME = "{ me { id } }";
const COOKIE_ATTRIBUTES = /; Path=\/; Max-Age=\d+; Secure; HttpOnly; SameSite=Strict$/;

describe("cookie sessions for web pages", () => {
  let system: TestSystem;
  let danaId: string;
  beforeAll(async () => {
    system = await TestSystem.start({ securityCodeMaxSends: 100, webOrigins: [WEB_ORIGIN] }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
    danaId = (await meOf(system, (await signIn(system, DANA, "dana.w")).accessToken))!;
  });
  afterAll(() => system.stop());

  it("signs in with COOKIE delivery: the session and device in HttpOnly __Host- cookies, no token in the answer", async () => {
    const { jar, answer } = await cookieSignIn(system, DANA, "dana.w", { name: "Dana's browser", platform: "WEB" });
    const verified = answer.body.data!.verifyStepUp;
    expect(verified.session).toEqual({ accessToken: null, expiresAt: expect.any(String) });
    expect(verified.registeredDevice).toMatchObject({ deviceToken: null, device: { name: "Dana's browser", platform: "WEB", current: true } });
    const [session, device] = [jar.received.find((line) => line.startsWith("__Host-oa-session=")), jar.received.find((line) => line.startsWith("__Host-oa-device="))];
    expect(session).toMatch(COOKIE_ATTRIBUTES);
    expect(device).toMatch(COOKIE_ATTRIBUTES);
    // The session cookie lasts until the absolute end; the device's as long as a browser keeps one.
    expect(Number(/Max-Age=(\d+)/.exec(session!)![1])).toBeLessThanOrEqual(system.settings.sessionMaxSeconds);
    expect(Number(/Max-Age=(\d+)/.exec(device!)![1])).toBeGreaterThan(300 * 86_400);
    // Neither token appears anywhere in the answer's body.
    for (const token of jar.values.values()) expect(answer.text).not.toContain(token);
    expect(answer.text).not.toContain("oaSessionHandover");
    expect(await cookieMeOf(system, jar)).toBe(danaId);
  });

  it("reads the device cookie at login when no deviceToken is given: a remembered browser skips step-up", async () => {
    const { jar } = await cookieSignIn(system, DANA, "dana.w", { name: "Dana's remembered browser", platform: "WEB" });
    const browser = new CookieJar();
    browser.values.set("__Host-oa-device", jar.values.get("__Host-oa-device")!);
    const login = await cookieRun(system, browser, "Login", { input: { username: "dana.w", password: GOOD_PASSWORD, sessionDelivery: "COOKIE" } });
    expect(login.body.data!.login).toEqual({ __typename: "LoginSucceeded", session: { accessToken: null, expiresAt: expect.any(String) } });
    expect(browser.values.get("__Host-oa-session")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await cookieMeOf(system, browser)).toBe(danaId);
    // Someone else's username with Dana's device cookie: a new device for them.
    const luis = new CookieJar();
    luis.values.set("__Host-oa-device", jar.values.get("__Host-oa-device")!);
    const other = await cookieRun(system, luis, "Login", { input: { username: "luis.o", password: GOOD_PASSWORD, sessionDelivery: "COOKIE" } });
    expect(other.body.data!.login.__typename).toBe("StepUpRequired");
  });

  it("honours the cookie only on requests that cannot be cross-site simple requests", async () => {
    const { jar } = await cookieSignIn(system, DANA, "dana.w");
    const cookie = jar.header();
    const get = (headers: Record<string, string>) => rawRequest(`${system.gatewayUrl}?query=${encodeURIComponent(ME)}`, { headers: { cookie, ...headers } });
    // A JSON POST, or a GET with apollo-require-preflight: the page's own script.
    expect(await cookieMeOf(system, jar)).toBe(danaId);
    expect(JSON.parse((await get({ "apollo-require-preflight": "true" })).text).data.me).toEqual({ id: danaId });
    // A plain GET (a link, an <img>, a simple cross-site fetch): the cookie does not count.
    expect(JSON.parse((await get({})).text).data.me).toBeNull();
    // A form's or a simple request's body runs nothing at all, even when it holds JSON.
    for (const contentType of ["application/x-www-form-urlencoded", "text/plain", "text/plain;application/json", "multipart/form-data; boundary=x"]) {
      const answer = await rawRequest(system.gatewayUrl, {
        method: "POST",
        headers: { cookie, "content-type": contentType },
        body: JSON.stringify({ query: "mutation { logoutEverywhere { loggedOut } }" }),
      });
      expect([answer.status, answer.text]).toEqual([400, expect.not.stringContaining("loggedOut")]);
    }
    expect(await cookieMeOf(system, jar)).toBe(danaId);
  });

  it("counts the cookie from WEB_ORIGINS and the gateway's own origin only, and answers CORS with credentials for WEB_ORIGINS alone", async () => {
    const { jar } = await cookieSignIn(system, DANA, "dana.w");
    const fromOrigin = async (origin: string) => {
      const answer = await cookiePost<{ me: { id: string } | null }>(system, jar, { query: ME }, { origin });
      return {
        me: answer.body.data?.me ?? null,
        allowOrigin: answer.response.headers.get("access-control-allow-origin"),
        credentials: answer.response.headers.get("access-control-allow-credentials"),
      };
    };
    expect(await fromOrigin(WEB_ORIGIN)).toEqual({ me: { id: danaId }, allowOrigin: WEB_ORIGIN, credentials: "true" });
    expect(await fromOrigin(new URL(system.gatewayUrl).origin)).toMatchObject({ me: { id: danaId } });
    expect(await fromOrigin("https://evil.example.net")).toEqual({ me: null, allowOrigin: "*", credentials: null });
    expect(await fromOrigin("https://online.example.com.evil.example.net")).toEqual({ me: null, allowOrigin: "*", credentials: null });

    const preflight = async (origin: string) => {
      const response = await fetch(system.gatewayUrl, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
      return [response.status, response.headers.get("access-control-allow-origin"), response.headers.get("access-control-allow-credentials"), response.headers.get("vary")];
    };
    expect(await preflight(WEB_ORIGIN)).toEqual([204, WEB_ORIGIN, "true", "Origin"]);
    // Any other origin keeps the open CORS of bearer clients, which a browser never sends cookies with.
    expect(await preflight("https://evil.example.net")).toEqual([204, "*", null, "Origin"]);
  });

  it("keeps each token to its delivery: a cookie session's token is no bearer token, nor a bearer token a cookie", async () => {
    const { jar } = await cookieSignIn(system, DANA, "dana.w");
    const cookieToken = jar.values.get("__Host-oa-session")!;
    expect(await meOf(system, cookieToken)).toBeNull();
    const bearer = await signIn(system, DANA, "dana.w");
    const forged = new CookieJar();
    forged.values.set("__Host-oa-session", bearer.accessToken);
    expect(await cookieMeOf(system, forged)).toBeNull();
    // A bearer header wins over any cookie: the cookie is not even read.
    const both = await cookiePost<{ me: { id: string } | null }>(system, jar, { query: ME }, { authorization: "Bearer not-a-token" });
    expect(both.body.data!.me).toBeNull();
  });

  it("logout ends the session and clears its cookie; the device cookie stays", async () => {
    const { jar } = await cookieSignIn(system, DANA, "dana.w", { name: "Dana's shared browser", platform: "WEB" });
    const token = jar.values.get("__Host-oa-session")!;
    const stale = new CookieJar();
    stale.values.set("__Host-oa-session", token);
    const logout = await cookieRun(system, jar, "Logout");
    expect(logout.body.data).toEqual({ logout: { loggedOut: true } });
    expect(logout.response.headers.getSetCookie()).toEqual(["__Host-oa-session=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict"]);
    expect(jar.values.has("__Host-oa-session")).toBe(false);
    expect(jar.values.has("__Host-oa-device")).toBe(true);
    // The old cookie, kept by anyone, is worth nothing.
    expect(await cookieMeOf(system, stale)).toBeNull();
  });

  it("logoutEverywhere and endSession take effect at once for cookie and bearer sessions", async () => {
    const web = await cookieSignIn(system, LUIS, "luis.o");
    const other = await cookieSignIn(system, LUIS, "luis.o");
    const app = await signIn(system, LUIS, "luis.o");
    const luisId = await meOf(system, app.accessToken);

    // endSession of the other browser's session, from the app.
    const listed = await runOperation(system, "SecurityActivity", {}, app.accessToken);
    const cookieSessions = (listed.body.data!.me.sessions as { id: string; delivery: string }[]).filter((session) => session.delivery === "COOKIE");
    expect(cookieSessions).toHaveLength(2);
    const otherId = await sessionIdOf(other.jar);
    expect(cookieSessions.map((session) => session.id)).toContain(otherId);
    const ended = await runOperation(system, "EndSession", { id: otherId }, app.accessToken);
    expect(ended.body.data!.endSession).toEqual({ __typename: "SessionEnded", id: otherId });
    expect(await cookieMeOf(system, other.jar)).toBeNull();
    expect(await cookieMeOf(system, web.jar)).toBe(luisId);

    // logoutEverywhere from the browser: every session ends, and its own cookie is cleared.
    const webToken = web.jar.values.get("__Host-oa-session")!;
    const everywhere = await cookieRun(system, web.jar, "LogoutEverywhere");
    expect(everywhere.body.data).toEqual({ logoutEverywhere: { loggedOut: true, endedSessions: 2 } });
    expect(everywhere.response.headers.getSetCookie()).toEqual(["__Host-oa-session=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict"]);
    expect(await meOf(system, app.accessToken)).toBeNull();
    const again = new CookieJar();
    again.values.set("__Host-oa-session", webToken);
    expect(await cookieMeOf(system, again)).toBeNull();
  });

  // The id of a cookie session, as me.sessions shows it (the current one comes first).
  async function sessionIdOf(jar: CookieJar): Promise<string> {
    const { body } = await cookieRun(system, jar, "SecurityActivity");
    return body.data!.me.sessions[0].id;
  }
});
