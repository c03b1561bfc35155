import { createHash, randomBytes } from "node:crypto";
import type { ForwardedSession } from "./gateway-credential";
import { KeySpace, type RedisClient } from "./redis";
import type { Settings } from "./settings";

/** How a session is handed over: the token in the answer (apps), or an HttpOnly cookie (web pages). */
export type SessionDelivery = "BEARER" | "COOKIE";

/** A session as identity keeps it: what is forwarded, and what the person sees of it. */
export interface SessionRecord extends ForwardedSession {
  delivery: SessionDelivery;
  startedAt: string;
  lastSeenAt: string;
  /** The absolute end: however often it is used, `expiresAt` never moves past it. */
  endsAt: string;
}

/** SESSION_TTL_SECONDS (idle) and SESSION_MAX_SECONDS (absolute). */
export interface SessionLifetimes {
  idleSeconds: number;
  maxSeconds: number;
}

export function sessionLifetimes(settings: Pick<Settings, "sessionTtlSeconds" | "sessionMaxSeconds">): SessionLifetimes {
  return { idleSeconds: settings.sessionTtlSeconds, maxSeconds: settings.sessionMaxSeconds };
}

export interface SessionOwner {
  userId: string;
  customerId: string;
  /** The registered device it is opened from, if any. */
  deviceId: string | null;
  delivery?: SessionDelivery;
}

/** Which of a user's sessions to end: all, all but one, or those of one device. */
export interface SessionSelection {
  except?: string | null;
  deviceId?: string;
}

// A session's end moves on with use, but at most this often: no write per request.
const SLIDE_EVERY_MS = 60_000;

/**
 * Sessions live in Redis under identity's prefix, keyed by a hash of the access token, so a copy of
 * Redis holds no usable token; each user's sessions are also listed in an index of their own.
 * Identity creates and ends them; the gateway looks them up on every request, and subgraphs check
 * that one is still live, through this one module.
 *
 * A session ends when unused for SESSION_TTL_SECONDS (its key's expiry, moved on with use at most
 * once a minute, or once a tenth of the idle time when that is shorter) and in any case
 * SESSION_MAX_SECONDS after it started.
 */
export class SessionStore {
  private readonly keys: KeySpace;
  private readonly slideEveryMs: number;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly lifetimes: SessionLifetimes,
  ) {
    this.keys = new KeySpace(prefix, "identity");
    this.slideEveryMs = Math.min(SLIDE_EVERY_MS, (lifetimes.idleSeconds * 1000) / 10);
  }

  /** Opens a session; the access token is 256 random bits and is returned only here. */
  async create(owner: SessionOwner, now = Date.now()): Promise<{ accessToken: string; session: SessionRecord }> {
    const accessToken = randomBytes(32).toString("base64url");
    const endsAt = now + this.lifetimes.maxSeconds * 1000;
    const session: SessionRecord = {
      id: sessionIdOf(accessToken),
      userId: owner.userId,
      customerId: owner.customerId,
      deviceId: owner.deviceId,
      delivery: owner.delivery ?? "BEARER",
      startedAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      expiresAt: new Date(Math.min(now + this.lifetimes.idleSeconds * 1000, endsAt)).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
    };
    // Listed first: a session is never live without being in its user's index (a listing whose
    // session never came to be is dropped when the index is read).
    const index = this.indexOf(owner.userId);
    await this.redis.sadd(index, session.id);
    // The newest session ends last (the absolute lifetime is one setting): the index lasts as long.
    await this.redis.pexpireat(index, endsAt);
    await this.redis.set(this.sessionKey(session.id), JSON.stringify(session), "PX", Date.parse(session.expiresAt) - now);
    return { accessToken, session };
  }

  /**
   * The live session for a token, or null for an unknown, expired or ended one. Using it moves its
   * end on to now + the idle time (never past its absolute end), written at most once per slide
   * interval, and never bringing back a session ended meanwhile.
   */
  async find(accessToken: string, now = Date.now()): Promise<SessionRecord | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(accessToken)) return null;
    const key = this.sessionKey(sessionIdOf(accessToken));
    const session = this.parse(await this.redis.get(key));
    if (!session || Date.parse(session.expiresAt) <= now) return null;
    if (now - Date.parse(session.lastSeenAt) < this.slideEveryMs) return session;
    const expiresAt = Math.min(now + this.lifetimes.idleSeconds * 1000, Date.parse(session.endsAt));
    const slid: SessionRecord = { ...session, lastSeenAt: new Date(now).toISOString(), expiresAt: new Date(expiresAt).toISOString() };
    if (expiresAt <= now) return null;
    // XX: only while it still exists, so an end in between stands.
    const written = await this.redis.set(key, JSON.stringify(slid), "PX", expiresAt - now, "XX");
    return written === "OK" ? slid : null;
  }

  /** The session with this id, while it lasts. */
  async get(sessionId: string): Promise<SessionRecord | null> {
    return this.parse(await this.redis.get(this.sessionKey(sessionId)));
  }

  /**
   * True while the session with this id is neither ended nor expired in Redis: one EXISTS, for
   * the subgraphs to check a forwarded session before a change of state.
   */
  async isLive(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(this.sessionKey(sessionId))) === 1;
  }

  /** Ends one session at once: the next request with its token finds nothing. True when it was live. */
  async revoke(sessionId: string): Promise<boolean> {
    const session = await this.get(sessionId);
    const ended = (await this.redis.del(this.sessionKey(sessionId))) === 1;
    if (session) await this.redis.srem(this.indexOf(session.userId), sessionId);
    return ended;
  }

  /** The user's live sessions, newest first; listings of sessions that have ended are dropped. */
  async listOf(userId: string, now = Date.now()): Promise<SessionRecord[]> {
    const index = this.indexOf(userId);
    const ids = await this.redis.smembers(index);
    const found = await Promise.all(ids.map((id) => this.get(id)));
    const gone = ids.filter((_, i) => found[i] === null);
    if (gone.length > 0) await this.redis.srem(index, ...gone);
    return found
      .filter((session): session is SessionRecord => session !== null && Date.parse(session.expiresAt) > now)
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : -1));
  }

  /** Ends the user's sessions that `selection` picks (by default all); answers the ids of those that were live. */
  async revokeAll(userId: string, selection: SessionSelection = {}): Promise<string[]> {
    const picked = (await this.listOf(userId)).filter(
      (session) => session.id !== selection.except && (selection.deviceId === undefined || session.deviceId === selection.deviceId),
    );
    const ended = await Promise.all(picked.map(async (session) => ((await this.redis.del(this.sessionKey(session.id))) === 1 ? session.id : null)));
    if (picked.length > 0) await this.redis.srem(this.indexOf(userId), ...picked.map((session) => session.id));
    return ended.filter((id): id is string => id !== null);
  }

  private parse(stored: string | null): SessionRecord | null {
    return stored ? (JSON.parse(stored) as SessionRecord) : null;
  }

  private sessionKey(sessionId: string): string {
    return this.keys.key("session", sessionId);
  }

  private indexOf(userId: string): string {
    return this.keys.key(`{user:${userId}}`, "sessions");
  }
}

/** What the gateway forwards of a session: who, from which device, until when. */
export function forwardedOf(session: SessionRecord): ForwardedSession {
  return { id: session.id, userId: session.userId, customerId: session.customerId, deviceId: session.deviceId, expiresAt: session.expiresAt };
}

/** True once the session's `expiresAt` is past: from then on it is no session, whatever still carries it. */
export function sessionExpired(session: ForwardedSession, now = Date.now()): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return !Number.isFinite(expiresAt) || expiresAt <= now;
}

export function sessionIdOf(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest("hex");
}
