import { clearedSessionCookie, DEVICE_COOKIE, deviceCookie, SESSION_COOKIE, sessionCookie, tokenCookie } from "./session-cookies";

const TOKEN = "A".repeat(43);

describe("session cookies", () => {
  it("sets __Host- cookies: Secure, HttpOnly, SameSite=Strict, Path=/ and no Domain", () => {
    const now = Date.now();
    expect(sessionCookie(TOKEN, new Date(now + 3_600_000).toISOString(), now)).toBe(`__Host-oa-session=${TOKEN}; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict`);
    expect(deviceCookie(TOKEN)).toBe(`__Host-oa-device=${TOKEN}; Path=/; Max-Age=34560000; Secure; HttpOnly; SameSite=Strict`);
    expect(clearedSessionCookie()).toBe("__Host-oa-session=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
    expect(sessionCookie(TOKEN, new Date(now - 1000).toISOString(), now)).toContain("Max-Age=0;");
  });

  it("reads a token-shaped cookie by name, the first one, and nothing else", () => {
    expect(tokenCookie(`theme=dark; ${SESSION_COOKIE}=${TOKEN}; ${DEVICE_COOKIE}=${"B".repeat(43)}`, SESSION_COOKIE)).toBe(TOKEN);
    expect(tokenCookie(`${SESSION_COOKIE}=${TOKEN}; ${SESSION_COOKIE}=${"C".repeat(43)}`, SESSION_COOKIE)).toBe(TOKEN);
    expect(tokenCookie(`${SESSION_COOKIE}=not-a-token`, SESSION_COOKIE)).toBeNull();
    expect(tokenCookie(`x${SESSION_COOKIE}=${TOKEN}`, SESSION_COOKIE)).toBeNull();
    expect(tokenCookie(undefined, SESSION_COOKIE)).toBeNull();
  });
});
