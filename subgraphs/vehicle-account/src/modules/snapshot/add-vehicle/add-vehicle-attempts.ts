import { KeySpace, type RedisClient } from "@oa/platform";

/** How many NOT_VERIFIED answers a user gets, and for how long they count and then block. */
export interface AttemptLimit {
  maxFailures: number;
  windowSeconds: number;
}

/** 5 unverified look-ups within 15 minutes block addVehicle for 15 minutes. */
export const DEFAULT_ATTEMPT_LIMIT: AttemptLimit = { maxFailures: 5, windowSeconds: 15 * 60 };

export type Reservation = { granted: true } | { granted: false; retryAfterSeconds: number };

// The counter holds failures plus look-ups in flight, so a burst of parallel tries never gets
// more than maxFailures look-ups through. Returns {1, count} when a slot is taken, {0, pttl} when blocked.
const RESERVE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[2])
    ttl = tonumber(ARGV[2]) * 1000
  end
  return {0, ttl}
end
count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return {1, count}
`;

// A look-up that verified gives its slot back (only while the window it was taken in lives).
const RELEASE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return count
`;

// A look-up that did not verify keeps its slot; the one that reaches the limit starts the block.
const CONFIRM_FAILURE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count == 0 then
  redis.call('SET', KEYS[1], 1, 'EX', ARGV[2])
  count = 1
end
if count >= tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return count
`;

type Script = (key: string, ...args: (string | number)[]) => Promise<unknown>;

/** Counts addVehicle look-ups that did not verify, per user, atomically in Redis. */
export class AddVehicleAttempts {
  private readonly keys: KeySpace;
  private readonly reserveScript: Script;
  private readonly releaseScript: Script;
  private readonly confirmScript: Script;

  constructor(
    redis: RedisClient,
    prefix: string,
    private readonly limit: AttemptLimit = DEFAULT_ATTEMPT_LIMIT,
  ) {
    this.keys = new KeySpace(prefix, "vehicle-account");
    // Names are unique to this owner: the embedded store's client may be shared by all subgraphs.
    this.reserveScript = define(redis, "vehicleAccountReserveAttempt", RESERVE);
    this.releaseScript = define(redis, "vehicleAccountReleaseAttempt", RELEASE);
    this.confirmScript = define(redis, "vehicleAccountConfirmFailure", CONFIRM_FAILURE);
  }

  /** Takes a slot before a look-up, or says how long the user is blocked. */
  async reserve(userId: string): Promise<Reservation> {
    const [granted, value] = (await this.reserveScript(this.key(userId), this.limit.maxFailures, this.limit.windowSeconds)) as [number, number];
    if (granted === 1) return { granted: true };
    return { granted: false, retryAfterSeconds: Math.max(1, Math.ceil(value / 1000)) };
  }

  /** The look-up verified (or failed for another reason): its slot is not a failure. */
  async release(userId: string): Promise<void> {
    await this.releaseScript(this.key(userId));
  }

  /** The look-up did not verify: the slot stays taken as a failure. */
  async confirmFailure(userId: string): Promise<void> {
    await this.confirmScript(this.key(userId), this.limit.maxFailures, this.limit.windowSeconds);
  }

  private key(userId: string): string {
    return this.keys.key("add-vehicle-failures", userId);
  }
}

function define(redis: RedisClient, name: string, lua: string): Script {
  const commands = redis as unknown as Record<string, Script>;
  if (typeof commands[name] !== "function") redis.defineCommand(name, { numberOfKeys: 1, lua });
  return (key, ...args) => commands[name].call(redis, key, ...args);
}
