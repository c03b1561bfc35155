import { RedisScript } from "../../redis-script";

// Every script gets KEYS[1] = the failure counter, KEYS[2] = the lock (one hash slot) and
// answers {locked (0|1), lock time left in ms, 1 when this call set the lock}.

/**
 * Takes one try before the password or step-up check runs, so a burst of parallel tries gets at
 * most LOCKOUT_MAX_FAILURES checks through. ARGV: max failures, lock seconds.
 */
export const reserveTry = new RedisScript<[number, number, number]>(
  "lockout.reserve",
  `
local max = tonumber(ARGV[1])
local lockSeconds = tonumber(ARGV[2])
local lockLeft = redis.call('PTTL', KEYS[2])
if lockLeft == -1 then
  -- a lock without an expiry would never lift
  redis.call('EXPIRE', KEYS[2], lockSeconds)
  lockLeft = lockSeconds * 1000
end
if lockLeft > 0 then return {1, lockLeft, 0} end
local tries = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], lockSeconds)
if tries > max then
  redis.call('SET', KEYS[2], '1', 'EX', lockSeconds)
  redis.call('DEL', KEYS[1])
  return {1, lockSeconds * 1000, 1}
end
return {0, 0, 0}
`,
);

/** The reserved try failed: locks when the failures reach the maximum. ARGV: max failures, lock seconds. */
export const recordFailure = new RedisScript<[number, number, number]>(
  "lockout.recordFailure",
  `
local max = tonumber(ARGV[1])
local lockSeconds = tonumber(ARGV[2])
local lockLeft = redis.call('PTTL', KEYS[2])
if lockLeft == -1 then
  redis.call('EXPIRE', KEYS[2], lockSeconds)
  lockLeft = lockSeconds * 1000
end
if lockLeft > 0 then return {1, lockLeft, 0} end
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
if failures >= max then
  redis.call('SET', KEYS[2], '1', 'EX', lockSeconds)
  redis.call('DEL', KEYS[1])
  return {1, lockSeconds * 1000, 1}
end
return {0, 0, 0}
`,
);

/**
 * Counts a failure that needed no reservation: a step-up try, checked atomically elsewhere and
 * bounded by its challenge's own tries. ARGV: max failures, lock seconds.
 */
export const countFailure = new RedisScript<[number, number, number]>(
  "lockout.countFailure",
  `
local max = tonumber(ARGV[1])
local lockSeconds = tonumber(ARGV[2])
local lockLeft = redis.call('PTTL', KEYS[2])
if lockLeft == -1 then
  redis.call('EXPIRE', KEYS[2], lockSeconds)
  lockLeft = lockSeconds * 1000
end
if lockLeft > 0 then return {1, lockLeft, 0} end
local failures = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], lockSeconds)
if failures >= max then
  redis.call('SET', KEYS[2], '1', 'EX', lockSeconds)
  redis.call('DEL', KEYS[1])
  return {1, lockSeconds * 1000, 1}
end
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
