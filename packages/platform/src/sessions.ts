import { createHash, randomBytes } from "node:crypto";
import type { ForwardedSession } from "./gateway-credential";
import { KeySpace, type RedisClient } from "./redis";

/**
 * Sessions live in Redis under identity's prefix, keyed by a hash of the access token, so a
 * copy of Redis holds no usable token. Identity creates and revokes them; the gateway looks
 * them up on every request through this one module.
 */
export class SessionStore {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly ttlSeconds: number,
  ) {
    this.keys = new KeySpace(prefix, "identity");
  }

  /** Opens a session; the access token is 256 random bits and is returned only here. */
  async create(owner: { userId: string; customerId: string; deviceId: string | null }, now = Date.now()) {
    const accessToken = randomBytes(32).toString("base64url");
    const session: ForwardedSession = {
      id: sessionIdOf(accessToken),
      userId: owner.userId,
      customerId: owner.customerId,
      deviceId: owner.deviceId,
      expiresAt: new Date(now + this.ttlSeconds * 1000).toISOString(),
    };
    await this.redis.set(this.keys.key("session", session.id), JSON.stringify(session), "EX", this.ttlSeconds);
    return { accessToken, session };
  }

  /** The live session for a token, or null for an unknown, expired or revoked one. */
  async find(accessToken: string): Promise<ForwardedSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(accessToken)) return null;
    const stored = await this.redis.get(this.keys.key("session", sessionIdOf(accessToken)));
    return stored ? (JSON.parse(stored) as ForwardedSession) : null;
  }

  /**
   * True while the session with this id is neither revoked nor expired in Redis: one EXISTS, for
   * the subgraphs to check a forwarded session before a change of state (logout revokes it).
   */
  async isLive(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.key("session", sessionId))) === 1;
  }

  /** Revokes at once: the next request with that token finds nothing. */
  async revoke(sessionId: string): Promise<boolean> {
    return (await this.redis.del(this.keys.key("session", sessionId))) === 1;
  }
}

/** True once the session's `expiresAt` is past: from then on it is no session, whatever still carries it. */
export function sessionExpired(session: ForwardedSession, now = Date.now()): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return !Number.isFinite(expiresAt) || expiresAt <= now;
}

export function sessionIdOf(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest("hex");
}
