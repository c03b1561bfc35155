/** The web page's session: set by a login or verifyStepUp with sessionDelivery COOKIE, cleared at logout. */
export const SESSION_COOKIE = "__Host-oa-session";
/** A device registered in a COOKIE step-up: login reads it when no deviceToken is given. */
export const DEVICE_COOKIE = "__Host-oa-device";

// A device registration lasts until it is removed; browsers keep a cookie at most 400 days.
const DEVICE_COOKIE_SECONDS = 400 * 86_400;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

// `__Host-`: only over HTTPS (or localhost), for this host alone (no Domain), for every path;
// HttpOnly keeps it from every script, SameSite=Strict from every other site's requests.
function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; Secure; HttpOnly; SameSite=Strict`;
}

/** Sets the session cookie until the session's absolute end (the idle end is the server's to keep). */
export function sessionCookie(accessToken: string, endsAt: string, now = Date.now()): string {
  return cookie(SESSION_COOKIE, accessToken, (Date.parse(endsAt) - now) / 1000);
}

/** Clears the session cookie. */
export function clearedSessionCookie(): string {
  return cookie(SESSION_COOKIE, "", 0);
}

/** Sets the device cookie for as long as a browser keeps one. */
export function deviceCookie(deviceToken: string): string {
  return cookie(DEVICE_COOKIE, deviceToken, DEVICE_COOKIE_SECONDS);
}

/**
 * The value of cookie `name` in a Cookie header, when it has a token's shape (43 base64url
 * characters); null otherwise. The first one counts.
 */
export function tokenCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    return TOKEN.test(value) ? value : null;
  }
  return null;
}
