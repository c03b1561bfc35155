import { createHash, randomBytes } from "node:crypto";
import type { ForwardedSession } from "./gateway-credential";
import { KeySpace, type RedisClient } from "./redis";
import { type RefreshChain, RefreshChains } from "./refresh-chains";
import { selects, type SessionSelection } from "./session-selection";
import type { Settings } from "./settings";

export { type RefreshChain, RefreshChains, type RefreshTokenLookup, refreshTokenHash } from "./refresh-chains";
export { selects, type SessionSelection } from "./session-selection";
export { hasHandover, SESSION_HANDOVER_EXTENSION, type SessionHandover } from "./session-handover";

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

/** SESSION_TTL_SECONDS (idle), SESSION_MAX_SECONDS (absolute) and REFRESH_TOKEN_TTL_SECONDS. */
export interface SessionLifetimes {
  idleSeconds: number;
  maxSeconds: number;
  /** How long an unused refresh token works [30 days]. */
  refreshSeconds?: number;
}

export function sessionLifetimes(settings: Pick<Settings, "sessionTtlSeconds" | "sessionMaxSeconds"> & Partial<Pick<Settings, "refreshTokenTtlSeconds">>): SessionLifetimes {
  return { idleSeconds: settings.sessionTtlSeconds, maxSeconds: settings.sessionMaxSeconds, refreshSeconds: settings.refreshTokenTtlSeconds };
}

export interface SessionStoreOptions {
  /** How often at most a used session's end is moved on [a minute, or a tenth of the idle time when shorter]; Infinity never moves it (benchmarks compare). */
  slideEveryMs?: number;
}

/** A renewal with a refresh token: the new session and token, or why there is none. */
export type Renewal =
  | { renewed: { accessToken: string; session: SessionRecord; refreshToken: string } }
  /** "reused": the token was traded by someone else meanwhile; "ended": its chain (or device) ended meanwhile. */
  | { lost: "reused" | "ended" };

/** A session was opened on a registered device whose sessions were being ended (its removal): it was closed again. */
export class DeviceSessionsEndedError extends Error {
  constructor() {
    super("the device's sessions were ended while this one was opened");
  }
}

export interface SessionOwner {
  userId: string;
  customerId: string;
  /** The registered device it is opened from, if any. */
  deviceId: string | null;
  delivery?: SessionDelivery;
}

// A session's end moves on with use, but at most this often: no write per request.
const SLIDE_EVERY_MS = 60_000;
// Ending a device's sessions bars new ones on it this long: sign-ins and renewals already under
// way when it was removed (a request takes seconds at most) then close what they open.
const ENDED_DEVICE_MS = 5 * 60_000;
const DEFAULT_REFRESH_SECONDS = 30 * 86_400;

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
  /** The refresh tokens of sessions opened on registered devices; they end with their sessions (revoke, revokeAll). */
  readonly refreshChains: RefreshChains;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly lifetimes: SessionLifetimes,
    options: SessionStoreOptions = {},
  ) {
    this.keys = new KeySpace(prefix, "identity");
    this.slideEveryMs = options.slideEveryMs ?? Math.min(SLIDE_EVERY_MS, (lifetimes.idleSeconds * 1000) / 10);
    this.refreshChains = new RefreshChains(redis, this.keys, lifetimes.refreshSeconds ?? DEFAULT_REFRESH_SECONDS);
  }

  /**
   * Opens a session; the access token is 256 random bits and is returned only here. Throws
   * DeviceSessionsEndedError when its device's sessions are being ended (the device's removal).
   */
  create(owner: SessionOwner, now = Date.now()): Promise<{ accessToken: string; session: SessionRecord }> {
    return this.open(newAccessToken(), owner, now);
  }

  /**
   * Starts a refresh chain for a live session on a registered device: its first refresh token, or
   * null when the session ended meanwhile (then the chain is ended too).
   */
  async startRefreshChain(session: SessionRecord): Promise<string | null> {
    if (session.deviceId === null) throw new Error("refresh tokens are only for sessions on a registered device");
    const chain = await this.refreshChains.start({ ...session, deviceId: session.deviceId });
    // Written, then checked: an end that listed the chains before the write has ended the session by now.
    if ((await this.isLive(session.id)) && (await this.refreshChains.isLive({ userId: session.userId, id: chain.chainId }))) return chain.refreshToken;
    await this.refreshChains.end(session.userId, { sessionId: session.id });
    return null;
  }

  /**
   * Trades a chain's current refresh token for a new session on the chain's device and a new
   * token; the session it replaces ends. The trade is atomic (one use per token); the new session
   * is written, then the chain checked, so an end of the chain meanwhile ends it too.
   */
  async renew(chain: RefreshChain, refreshToken: string, now = Date.now()): Promise<Renewal> {
    const accessToken = newAccessToken();
    const sessionId = sessionIdOf(accessToken);
    const next = await this.refreshChains.rotate(chain, refreshToken, sessionId);
    if (next === null) return { lost: (await this.refreshChains.isLive(chain)) ? "reused" : "ended" };
    let opened: { accessToken: string; session: SessionRecord };
    try {
      opened = await this.open(accessToken, { userId: chain.userId, customerId: chain.customerId, deviceId: chain.deviceId, delivery: "BEARER" }, now);
    } catch (error) {
      await this.refreshChains.end(chain.userId, { sessionId });
      if (error instanceof DeviceSessionsEndedError) return { lost: "ended" };
      throw error;
    }
    if (!(await this.refreshChains.isCurrent(chain, next))) {
      await this.revoke(sessionId);
      return { lost: "ended" };
    }
    await this.revoke(chain.sessionId);
    return { renewed: { accessToken, session: opened.session, refreshToken: next } };
  }

  private async open(accessToken: string, owner: SessionOwner, now: number): Promise<{ accessToken: string; session: SessionRecord }> {
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
    // Written, then checked: a removal that marked the device after this check lists the session.
    if (owner.deviceId !== null && (await this.redis.exists(this.endedDeviceKey(owner.userId, owner.deviceId))) === 1) {
      await this.revoke(session.id);
      throw new DeviceSessionsEndedError();
    }
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

  /**
   * Ends one session at once, and the refresh chain paired with it: the next request with its
   * token finds nothing. True when it was live.
   */
  async revoke(sessionId: string): Promise<boolean> {
    const session = await this.get(sessionId);
    // Chains, then the session, then chains again: a chain started meanwhile finds its session gone or is ended here.
    if (session) await this.refreshChains.end(session.userId, { sessionId });
    const ended = (await this.redis.del(this.sessionKey(sessionId))) === 1;
    if (session) {
      await this.redis.srem(this.indexOf(session.userId), sessionId);
      await this.refreshChains.end(session.userId, { sessionId });
    }
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

  /** The user's live sessions and refresh chains that `selection` picks. */
  async selected(userId: string, selection: SessionSelection = {}): Promise<{ sessions: SessionRecord[]; refreshChains: RefreshChain[] }> {
    const [sessions, chains] = await Promise.all([this.listOf(userId), this.refreshChains.listOf(userId)]);
    return {
      sessions: sessions.filter((session) => selects(selection, { sessionId: session.id, deviceId: session.deviceId })),
      refreshChains: chains.filter((chain) => selects(selection, { sessionId: chain.sessionId, deviceId: chain.deviceId })),
    };
  }

  /**
   * Ends the user's sessions that `selection` picks (by default all) and the refresh chains paired
   * with them (a chain whose session has already expired goes with the selection too: all, a
   * device's, or all but the chain of the kept session). Answers the ids of the sessions that were
   * live. Ending a device's sessions also bars new ones on that device for a few minutes, so that a
   * sign-in or renewal under way when it was removed closes what it opens.
   */
  async revokeAll(userId: string, selection: SessionSelection = {}): Promise<string[]> {
    if (selection.deviceId !== undefined) await this.redis.set(this.endedDeviceKey(userId, selection.deviceId), "1", "PX", ENDED_DEVICE_MS);
    // Chains, sessions, chains: a renewal checks its chain after opening its session, a new chain
    // checks its session after being written; one of the passes meets each of them.
    await this.refreshChains.end(userId, selection);
    const picked = (await this.listOf(userId)).filter((session) => selects(selection, { sessionId: session.id, deviceId: session.deviceId }));
    const ended = await Promise.all(picked.map(async (session) => ((await this.redis.del(this.sessionKey(session.id))) === 1 ? session.id : null)));
    if (picked.length > 0) await this.redis.srem(this.indexOf(userId), ...picked.map((session) => session.id));
    await this.refreshChains.end(userId, selection);
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

  private endedDeviceKey(userId: string, deviceId: string): string {
    return this.keys.key(`{user:${userId}}`, "ended-device", deviceId);
  }
}

function newAccessToken(): string {
  return randomBytes(32).toString("base64url");
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
