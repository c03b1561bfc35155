import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The header that carries the signed credential of one request to a subgraph. */
export const GATEWAY_CREDENTIAL_HEADER = "x-oa-gateway";

/** How long a credential is accepted after it was signed: one fetch on a busy box, far too short to be worth stealing. */
export const CREDENTIAL_LIFETIME_MS = 5_000;

/** How far the signer's and the receiver's clocks may disagree, either way (NTP keeps them far closer). */
export const CLOCK_SKEW_MS = 2_000;

const VERSION = "v2";
const MAX_HEADER_LENGTH = 4096;

/** The verified session the gateway hands to the subgraphs. */
export interface ForwardedSession {
  /** The session's id (a hash of its access token, never the token). */
  id: string;
  userId: string;
  customerId: string;
  /** The registered device this session was opened from, if any. */
  deviceId: string | null;
  expiresAt: string;
}

/** The one HTTP request a credential is made for; anything else fails its signature. */
export interface BoundRequest {
  /** The service it is for, by name: "identity", "device-trust" or "vehicle-account". */
  audience: string;
  method: string;
  /** The path with its query string, as sent (e.g. "/graphql"). */
  path: string;
  /** The exact body, as sent. */
  body: string;
}

/** What the signer vouches for. */
export interface CredentialClaims {
  /** Who signed: "gateway", or the service making an internal call. */
  caller: string;
  session: ForwardedSession | null;
  /** The client's address as the gateway saw it, for rate limits and logs. */
  clientIp: string | null;
  /** For an internal call, the one field it is made to call; null for the gateway's fetches. */
  purpose: string | null;
  /**
   * The deviceToken a web page's browser keeps in its HttpOnly `__Host-oa-device` cookie, on the
   * gateway's mutation fetches to identity only (its login reads it when no deviceToken is given).
   */
  deviceCookie?: string;
}

/** What a subgraph learns from a valid credential. */
export interface GatewayCredential extends CredentialClaims {
  audience: string;
  /** When it was signed, in ms since the epoch. */
  issuedAt: number;
  /** Random per credential: a receiver that remembers it accepts the credential once. */
  nonce: string;
}

// Nonces are cut from a pool of random bytes refilled a few kilobytes at a time: one call to the
// CSPRNG per 256 credentials instead of one per credential (three per gateway request).
const NONCE_BYTES = 16;
const NONCE_POOL_BYTES = NONCE_BYTES * 256;
let noncePool = Buffer.alloc(0);
let nonceOffset = 0;

function newNonce(): string {
  if (nonceOffset + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_POOL_BYTES);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString("base64url", nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

/** SHA-256 of the body's UTF-8 bytes, base64url. */
export function bodyDigest(body: string): string {
  return createHash("sha256").update(body, "utf8").digest("base64url");
}

// The MAC covers the payload and the request it is bound to; the request itself never travels in it.
function sign(secret: string, payload: string, request: BoundRequest): string {
  return createHmac("sha256", secret)
    .update(`${payload}\n${request.audience}\n${request.method.toUpperCase()}\n${request.path}\n${bodyDigest(request.body)}`)
    .digest("base64url");
}

/** Signs a credential for exactly `request`: `v2.<payload>.<hmac>`, payload being base64url JSON. */
export function signGatewayCredential(secret: string, claims: CredentialClaims, request: BoundRequest, now = Date.now()): string {
  const credential: GatewayCredential = {
    caller: claims.caller,
    session: claims.session,
    clientIp: claims.clientIp,
    purpose: claims.purpose,
    ...(claims.deviceCookie !== undefined ? { deviceCookie: claims.deviceCookie } : {}),
    audience: request.audience,
    issuedAt: now,
    nonce: newNonce(),
  };
  const payload = Buffer.from(JSON.stringify(credential)).toString("base64url");
  return `${VERSION}.${payload}.${sign(secret, payload, request)}`;
}

/**
 * The credential if the header is well formed, signed with `secret` for exactly this request (as
 * the receiver saw it) and within its lifetime; otherwise null.
 */
export function verifyGatewayCredential(secret: string, header: string | undefined | null, request: BoundRequest, now = Date.now()): GatewayCredential | null {
  if (!header || header.length > MAX_HEADER_LENGTH) return null;
  const [version, payload, signature, extra] = header.split(".");
  if (version !== VERSION || !payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, payload, request));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let credential: GatewayCredential;
  try {
    credential = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as GatewayCredential;
  } catch {
    return null;
  }
  if (credential.audience !== request.audience || !Number.isSafeInteger(credential.issuedAt) || typeof credential.nonce !== "string") return null;
  const age = now - credential.issuedAt;
  if (age > CREDENTIAL_LIFETIME_MS + CLOCK_SKEW_MS || age < -CLOCK_SKEW_MS) return null;
  return credential;
}

/** The last moment (ms since the epoch) a receiver may accept this credential, by its own clock. */
export function credentialAcceptedUntil(credential: GatewayCredential): number {
  return credential.issuedAt + CREDENTIAL_LIFETIME_MS + CLOCK_SKEW_MS;
}
