import { createHash, randomBytes } from "node:crypto";
import type { KeySpace, RedisClient } from "./redis";
import { RedisScript } from "./redis-script";
import { selects, type SessionSelection } from "./session-selection";

/**
 * The refresh tokens of one sign-in on a registered device: each renewal trades the current token
 * for a new one and a new session, so the chain holds one current token and one current session.
 */
export interface RefreshChain {
  id: string;
  userId: string;
  customerId: string;
  /** The registered device it was opened on: it renews only with that device's deviceToken. */
  deviceId: string;
  /** The chain's current session (each renewal replaces it). */
  sessionId: string;
}

/** What a presented refresh token is. */
export type RefreshTokenLookup =
  /** The chain's current token: it may be traded once. */
  | { state: "current"; chain: RefreshChain }
  /** A token of a live chain that was already traded: a copy is in someone else's hands. */
  | { state: "reused"; chain: RefreshChain }
  /** Malformed, never issued, expired, or its chain has ended. */
  | { state: "unknown" };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

// Moves a chain from its current token to the next, only while the given one is still current.
const ROTATE = new RedisScript<number>(
  "refresh-rotate",
  `if redis.call('HGET', KEYS[1], 'current') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'current', ARGV[2], 'session', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`,
);

export function refreshTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Refresh chains in Redis under identity's prefix. A token is 256 random bits, kept only as its
 * SHA-256: `refresh-token:<hash>` names its chain (until REFRESH_TOKEN_TTL_SECONDS after it was
 * issued); the chain (`{user:<id>}:refresh-chain:<id>`, a hash) holds the hash of its current token,
 * its session and device, and lasts REFRESH_TOKEN_TTL_SECONDS after its last renewal; each user's
 * chains are listed in `{user:<id>}:refresh-chains`. A token is good while its chain exists and
 * names it as current; a traded one still names its chain, so its reuse is recognised.
 */
export class RefreshChains {
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
    /** REFRESH_TOKEN_TTL_SECONDS. */
    ttlSeconds: number,
  ) {
    this.ttlMs = ttlSeconds * 1000;
  }

  /** Opens a chain for a session on a registered device and answers its first token. */
  async start(session: { id: string; userId: string; customerId: string; deviceId: string }): Promise<{ chainId: string; refreshToken: string }> {
    const chainId = randomBytes(16).toString("base64url");
    const refreshToken = await this.newToken(session.userId, chainId);
    // Listed first: a chain is never live without being in its user's index.
    await this.list(session.userId, chainId);
    await this.redis
      .multi()
      .hset(this.chainKey(session.userId, chainId), {
        current: refreshTokenHash(refreshToken),
        session: session.id,
        device: session.deviceId,
        customer: session.customerId,
      })
      .pexpire(this.chainKey(session.userId, chainId), this.ttlMs)
      .exec();
    return { chainId, refreshToken };
  }

  /** What `token` is: the current token of a chain, a traded one, or nothing. */
  async lookup(token: string): Promise<RefreshTokenLookup> {
    if (!TOKEN_SHAPE.test(token)) return { state: "unknown" };
    const hash = refreshTokenHash(token);
    const stored = await this.redis.get(this.tokenKey(hash));
    if (!stored) return { state: "unknown" };
    const { userId, chainId } = JSON.parse(stored) as { userId: string; chainId: string };
    const fields = await this.redis.hgetall(this.chainKey(userId, chainId));
    const chain = this.chainOf(userId, chainId, fields);
    if (!chain) return { state: "unknown" };
    return fields.current === hash ? { state: "current", chain } : { state: "reused", chain };
  }

  /**
   * Trades `token` for a new one, pairing the chain with `sessionId`: atomically, only while
   * `token` is still the current one. Answers the new token, or null when the chain has moved on
   * or ended meanwhile.
   */
  async rotate(chain: RefreshChain, token: string, sessionId: string): Promise<string | null> {
    const next = await this.newToken(chain.userId, chain.id);
    const moved = await ROTATE.run(this.redis, [this.chainKey(chain.userId, chain.id)], [refreshTokenHash(token), refreshTokenHash(next), sessionId, this.ttlMs]);
    if (moved !== 1) return null;
    await this.redis.pexpire(this.indexKey(chain.userId), this.ttlMs);
    return next;
  }

  /** True while the chain exists and `token` is its current one. */
  async isCurrent(chain: RefreshChain, token: string): Promise<boolean> {
    return (await this.redis.hget(this.chainKey(chain.userId, chain.id), "current")) === refreshTokenHash(token);
  }

  /** The chain as it is now (its current session), while it lasts. */
  async get(chain: Pick<RefreshChain, "userId" | "id">): Promise<RefreshChain | null> {
    return this.chainOf(chain.userId, chain.id, await this.redis.hgetall(this.chainKey(chain.userId, chain.id)));
  }

  /** True while the chain exists. */
  async isLive(chain: Pick<RefreshChain, "userId" | "id">): Promise<boolean> {
    return (await this.redis.exists(this.chainKey(chain.userId, chain.id))) === 1;
  }

  /** The user's live chains; listings of chains that have ended are dropped. */
  async listOf(userId: string): Promise<RefreshChain[]> {
    const index = this.indexKey(userId);
    const ids = await this.redis.smembers(index);
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.chainKey(userId, id));
    const answers = (await pipeline.exec()) ?? [];
    const chains = ids.map((id, i) => this.chainOf(userId, id, (answers[i]?.[1] ?? {}) as Record<string, string>));
    const gone = ids.filter((_, i) => chains[i] === null);
    if (gone.length > 0) await this.redis.srem(index, ...gone);
    return chains.filter((chain): chain is RefreshChain => chain !== null);
  }

  /**
   * Ends the user's chains that `selection` picks, each by the session it is paired with (all,
   * all but the chain of one session, one device's, or the chain of one session). Answers how many
   * were live.
   */
  async end(userId: string, selection: SessionSelection): Promise<number> {
    const picked = (await this.listOf(userId)).filter((chain) => selects(selection, { sessionId: chain.sessionId, deviceId: chain.deviceId }));
    if (picked.length === 0) return 0;
    // One slot: the chains and the index share the user's hash tag.
    const ended = await this.redis.del(...picked.map((chain) => this.chainKey(userId, chain.id)));
    await this.redis.srem(this.indexKey(userId), ...picked.map((chain) => chain.id));
    return ended;
  }

  private async newToken(userId: string, chainId: string): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await this.redis.set(this.tokenKey(refreshTokenHash(token)), JSON.stringify({ userId, chainId }), "PX", this.ttlMs);
    return token;
  }

  private async list(userId: string, chainId: string): Promise<void> {
    await this.redis.multi().sadd(this.indexKey(userId), chainId).pexpire(this.indexKey(userId), this.ttlMs).exec();
  }

  private chainOf(userId: string, id: string, fields: Record<string, string>): RefreshChain | null {
    if (!fields.current || !fields.session || !fields.device) return null;
    return { id, userId, customerId: fields.customer ?? "", deviceId: fields.device, sessionId: fields.session };
  }

  private tokenKey(hash: string): string {
    return this.keys.key("refresh-token", hash);
  }

  private chainKey(userId: string, chainId: string): string {
    return this.keys.key(`{user:${userId}}`, "refresh-chain", chainId);
  }

  private indexKey(userId: string): string {
    return this.keys.key(`{user:${userId}}`, "refresh-chains");
  }
}
