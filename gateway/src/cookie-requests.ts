import type { IncomingMessage } from "node:http";

// What a page on another site can make a browser send without a CORS preflight.
const SIMPLE_CONTENT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

/** The media type of a Content-Type header without its parameters, lower-cased ("" when absent). */
export function mediaType(contentType: string | string[] | undefined): string {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return (value ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * True when the request cannot be a cross-site simple request: it has a Content-Type no HTML form
 * or simple request may send (a JSON body), or an `apollo-require-preflight` (or
 * `x-apollo-operation-name`) header, which a browser sends cross-origin only after a CORS preflight.
 * Apollo Server's own CSRF prevention draws the same line.
 */
export function preflighted(request: IncomingMessage): boolean {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === "string" && value.trim() !== "";
  };
  if (header("apollo-require-preflight") || header("x-apollo-operation-name")) return true;
  const type = mediaType(request.headers["content-type"]);
  return type !== "" && !SIMPLE_CONTENT_TYPES.has(type);
}

export interface CookiePolicy {
  /** WEB_ORIGINS: the pages on other origins allowed to send the cookies. */
  webOrigins: readonly string[];
  /** Whether the gateway itself serves HTTPS: the scheme of its own origin. */
  tls: boolean;
}

/**
 * Whether the request's cookies count (contract: "a cookie-authenticated request is honoured only
 * when it cannot be a cross-site simple request"): it must be preflighted, and a browser's Origin,
 * when it sends one, must be one of WEB_ORIGINS or the gateway's own (its page in development).
 * Otherwise its cookies are ignored: it runs as no one.
 */
export function cookiesHonoured(request: IncomingMessage, policy: CookiePolicy): boolean {
  if (!preflighted(request)) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (policy.webOrigins.includes(origin)) return true;
  const host = request.headers.host;
  return host !== undefined && origin === `${policy.tls ? "https" : "http"}://${host}`;
}
