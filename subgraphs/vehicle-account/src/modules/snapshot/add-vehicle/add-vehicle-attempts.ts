import { KeySpace, type RedisClient, RedisScript } from "@oa/platform";

/** How many NOT_VERIFIED answers a user gets, and for how long they count and then block. */
export interface AttemptLimit {
  maxFailures: number;
  windowSeconds: number;
}

/** 5 unverified look-ups within 15 minutes block addVehicle for 15 minutes. */
export const DEFAULT_ATTEMPT_LIMIT: AttemptLimit = { maxFailures: 5, windowSeconds: 15 * 60 };

/** Whether the user may go on, or for how long they are blocked. */
export type AttemptState = { blocked: false } | { blocked: true; retryAfterSeconds: number };

// The counter holds the failures of the window. Returns {count, pttl}; a full counter's window
// is (re)started by the failure that filled it.
const countFailureScript = new RedisScript<[number, number]>(
  "addVehicle.countFailure",
  `
local count = redis.call('INCR', KEYS[1])
if count == 1 or count == tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return {count, redis.call('PTTL', KEYS[1])}
`,
);
const stateScript = new RedisScript<[number, number]>(
  "addVehicle.state",
  `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
return {count, redis.call('PTTL', KEYS[1])}
`,
);

/**
 * Counts addVehicle look-ups that did not verify, per user, atomically in Redis. Unlike a login,
 * a look-up is counted after it ran: finding an account only ever finds the user's own, so a
 * success tells nothing, and parallel adds of a real account are never refused. Failures past
 * the limit, in parallel or not, answer TOO_MANY_ATTEMPTS instead of NOT_VERIFIED.
 */
export class AddVehicleAttempts {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly limit: AttemptLimit = DEFAULT_ATTEMPT_LIMIT,
  ) {
    this.keys = new KeySpace(prefix, "vehicle-account");
  }

  /** Blocked once the window holds the limit of failures. */
  async check(userId: string): Promise<AttemptState> {
    return this.state(await stateScript.run(this.redis, [this.key(userId)]), this.limit.maxFailures);
  }

  /** Counts a look-up that did not verify; blocked when it went past the limit. */
  async countFailure(userId: string): Promise<AttemptState> {
    const result = await countFailureScript.run(this.redis, [this.key(userId)], [this.limit.maxFailures, this.limit.windowSeconds]);
    return this.state(result, this.limit.maxFailures + 1);
  }

  private state([count, pttl]: [number, number], blockedFrom: number): AttemptState {
    if (count < blockedFrom) return { blocked: false };
    return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((pttl > 0 ? pttl : this.limit.windowSeconds * 1000) / 1000)) };
  }

  private key(userId: string): string {
    return this.keys.key("add-vehicle-failures", userId);
  }
}
