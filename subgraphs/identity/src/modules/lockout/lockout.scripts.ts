import { RedisScript } from "@oa/platform";

// Every script gets KEYS[1] = the failure counter, KEYS[2] = the lock (one hash slot),
// ARGV = max failures, lock seconds, and answers {locked (0|1), lock time left in ms, 1 when
// this call set the lock}.

// Answers at once while a lock holds; a lock without an expiry (which would never lift) gets one.
const WHILE_LOCKED = `
local max = tonumber(ARGV[1])
local lockSeconds = tonumber(ARGV[2])
local lockLeft = redis.call('PTTL', KEYS[2])
if lockLeft == -1 then
  redis.call('EXPIRE', KEYS[2], lockSeconds)
  lockLeft = lockSeconds * 1000
end
if lockLeft > 0 then return {1, lockLeft, 0} end
`;

// Sets the lock and starts the count again.
const LOCK_NOW = `
  redis.call('SET', KEYS[2], '1', 'EX', lockSeconds)
  redis.call('DEL', KEYS[1])
  return {1, lockSeconds * 1000, 1}
`;

/**
 * Takes one try before the password check runs, so a burst of parallel tries gets at most
 * LOCKOUT_MAX_FAILURES checks through.
 */
export const reserveTry = new RedisScript<[number, number, number]>(
  "lockout.reserve",
  `${WHILE_LOCKED}
local tries = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], lockSeconds)
if tries > max then ${LOCK_NOW} end
return {0, 0, 0}
`,
);

/** The reserved try failed: locks when the failures reach the maximum. */
export const recordFailure = new RedisScript<[number, number, number]>(
  "lockout.recordFailure",
  `${WHILE_LOCKED}
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
if failures >= max then ${LOCK_NOW} end
return {0, 0, 0}
`,
);

/**
 * Counts a failure that needed no reservation: a step-up try, checked atomically elsewhere and
 * bounded by its challenge's own tries.
 */
export const countFailure = new RedisScript<[number, number, number]>(
  "lockout.countFailure",
  `${WHILE_LOCKED}
local failures = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], lockSeconds)
if failures >= max then ${LOCK_NOW} end
return {0, 0, 0}
`,
);

/** The reserved try was not a failure (e.g. the right password from an unregistered device). */
export const releaseTry = new RedisScript<number>(
  "lockout.release",
  `
local tries = tonumber(redis.call('GET', KEYS[1]) or '0')
if tries > 0 then return redis.call('DECR', KEYS[1]) end
return 0
`,
);
