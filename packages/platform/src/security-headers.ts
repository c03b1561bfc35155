import type { ServerResponse } from "node:http";

/** HSTS for a year, subdomains included: browsers then never try plain HTTP to this host again. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

// An API answer is never a page to render, frame or cache: JSON (or Sandbox's page, which
// brings its own script and style policy in a meta tag) with no referrer to leak.
const ALWAYS: [string, string][] = [
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "no-referrer"],
  ["x-frame-options", "DENY"],
  ["content-security-policy", "default-src 'none'; frame-ancestors 'none'"],
  ["cache-control", "no-store"],
];

/**
 * Sets the headers every answer of every service carries (health checks, 404s, 401s and 413s
 * included); an answer may still replace one (Apollo sets its own cache-control). HSTS only over
 * TLS: over plain HTTP it would mean nothing.
 */
export function setSecurityHeaders(response: ServerResponse, tls: boolean): void {
  for (const [name, value] of ALWAYS) response.setHeader(name, value);
  if (tls) response.setHeader("strict-transport-security", STRICT_TRANSPORT_SECURITY);
}

/** Sandbox's HTML page loads its scripts and styles from Apollo's CDN: only framing stays forbidden. */
export function allowPageResources(response: ServerResponse): void {
  response.setHeader("content-security-policy", "frame-ancestors 'none'");
}
