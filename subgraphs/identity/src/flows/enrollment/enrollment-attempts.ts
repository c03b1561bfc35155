import { KeySpace, type RedisClient } from "@oa/platform";
import { RedisScript } from "@oa/platform";

/** Failed verifications one tax id may have before enrollment is refused for it. */
export const ENROLLMENT_MAX_FAILURES = 5;
/** The window those failures count in, and how long the refusal lasts after the last one. */
export const ENROLLMENT_LOCK_SECONDS = 15 * 60;

// KEYS[1] holds failed verifications plus verifications in flight. A slot is taken before
// verifying, so a parallel burst never gets more than the limit of verifications through.
// ARGV: max failures, lock seconds. Answers {1, 0} when reserved, {0, ms left} when refused.
const reserveSlot = new RedisScript<[number, number]>(
  "enrollment.reserve",
  `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  return {0, redis.call('PTTL', KEYS[1])}
end
if redis.call('INCR', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return {1, 0}
`,
);

// A verification that succeeded (or could not be made) gives its slot back; at zero the key
// goes, so that the next failure starts a fresh window.
const releaseSlot = new RedisScript<number>(
  "enrollment.release",
  `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 1 then
  redis.call('DECR', KEYS[1])
else
  redis.call('DEL', KEYS[1])
end
return 0
`,
);

// A failure keeps its slot; the one that reaches the limit starts the full refusal period.
// ARGV: max failures, lock seconds.
const keepSlotAsFailure = new RedisScript<number>(
  "enrollment.failed",
  `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return count
`,
);

export type Reservation = { reserved: true } | { reserved: false; retryAfterSeconds: number };

/** Counts failed enrollment verifications per tax id, keyed by the tax id's HMAC (never the tax id). */
export class EnrollmentAttempts {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly maxFailures = ENROLLMENT_MAX_FAILURES,
    private readonly lockSeconds = ENROLLMENT_LOCK_SECONDS,
  ) {
    this.keys = new KeySpace(prefix, "identity");
  }

  /** Takes a verification slot for the tax id, or says how long the tax id is refused. */
  async reserve(taxIdLookup: string): Promise<Reservation> {
    const [reserved, msLeft] = await reserveSlot.run(this.redis, [this.key(taxIdLookup)], [this.maxFailures, this.lockSeconds]);
    if (reserved === 1) return { reserved: true };
    return { reserved: false, retryAfterSeconds: msLeft > 0 ? Math.ceil(msLeft / 1000) : this.lockSeconds };
  }

  /** Gives the slot back: the verification succeeded or was never made. */
  async release(taxIdLookup: string): Promise<void> {
    await releaseSlot.run(this.redis, [this.key(taxIdLookup)]);
  }

  /** Keeps the slot as a failed verification. */
  async recordFailure(taxIdLookup: string): Promise<void> {
    await keepSlotAsFailure.run(this.redis, [this.key(taxIdLookup)], [this.maxFailures, this.lockSeconds]);
  }

  private key(taxIdLookup: string): string {
    return this.keys.key("enroll-attempts", taxIdLookup);
  }
}
