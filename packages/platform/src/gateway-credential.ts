import { createHmac, timingSafeEqual } from "node:crypto";

/** The header that carries the gateway's signed credential to the subgraphs. */
export const GATEWAY_CREDENTIAL_HEADER = "x-oa-gateway";

// A credential older than this is refused, so a leaked header is of little use.
const MAX_AGE_SECONDS = 60;

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

/** What a subgraph learns from a valid credential. */
export interface GatewayCredential {
  /** Who signed: "gateway", or the subgraph making an internal call. */
  caller: string;
  session: ForwardedSession | null;
  /** The client's address as the gateway saw it, for rate limits and logs. */
  clientIp: string | null;
  issuedAt: number;
}

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** Signs a credential: `v1.<payload>.<hmac>`, payload being base64url JSON. */
export function signGatewayCredential(
  secret: string,
  credential: Omit<GatewayCredential, "issuedAt">,
  now = Date.now(),
): string {
  const payload = Buffer.from(JSON.stringify({ ...credential, issuedAt: Math.floor(now / 1000) })).toString(
    "base64url",
  );
  return `v1.${payload}.${sign(secret, payload)}`;
}

/** The credential if the header is well formed, signed with `secret` and fresh; otherwise null. */
export function verifyGatewayCredential(
  secret: string,
  header: string | undefined | null,
  now = Date.now(),
): GatewayCredential | null {
  if (!header || header.length > 4096) return null;
  const [version, payload, signature] = header.split(".");
  if (version !== "v1" || !payload || !signature) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const credential = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as GatewayCredential;
    const age = Math.floor(now / 1000) - credential.issuedAt;
    if (!Number.isInteger(credential.issuedAt) || age > MAX_AGE_SECONDS || age < -MAX_AGE_SECONDS) return null;
    return credential;
  } catch {
    return null;
  }
}
