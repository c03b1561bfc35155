import { RedisScript } from "../redis-script";

// Every script gets the keys of one subject, sharing a hash tag (one slot):
//   KEYS[1] failures counted in the window, KEYS[2] the lock, KEYS[3] tries being checked now;
// and ARGV = max failures, lock (and window) seconds, how long a check may hold its place.
// Scripts that tell the state answer {state, lock time left in ms, 1 when this call set the lock},
// state being 0 open, 1 locked, 2 busy (every try left is being checked).

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

// Ends a reserved check.
const END_CHECK = `
if tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then redis.call('DECR', KEYS[3]) end
`;

// Counts one failure; the window starts at the first. Sets the lock at the maximum.
const COUNT_FAILURE = `
${WHILE_LOCKED}
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('EXPIRE', KEYS[1], lockSeconds) end
if failures >= max then
  redis.call('SET', KEYS[2], '1', 'EX', lockSeconds)
  redis.call('DEL', KEYS[1])
  return {1, lockSeconds * 1000, 1}
end
return {0, 0, 0}
`;

/**
 * Takes a place to check one try, unless failures already counted plus tries being checked
 * would reach the maximum: then the caller waits (busy), so a parallel burst never gets more
 * checks through than the failures it may still have, and right tries are never refused for
 * being many.
 */
export const reserveCheck = new RedisScript<[number, number, number]>(
  "attempts.reserve",
  `${WHILE_LOCKED}
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
local checking = tonumber(redis.call('GET', KEYS[3]) or '0')
if failures + checking >= max then return {2, 0, 0} end
redis.call('INCR', KEYS[3])
redis.call('EXPIRE', KEYS[3], ARGV[3])
return {0, 0, 0}
`,
);

/** The reserved try failed. */
export const checkFailed = new RedisScript<[number, number, number]>("attempts.checkFailed", `${END_CHECK}${COUNT_FAILURE}`);

/** A failure that was not reserved (checked and bounded elsewhere, e.g. a step-up code). */
export const countFailure = new RedisScript<[number, number, number]>("attempts.countFailure", COUNT_FAILURE);

/** The reserved try was not a failure; `clear` (ARGV[4] = 1) also forgets the failures: a success. */
export const endCheck = new RedisScript<number>(
  "attempts.endCheck",
  `${END_CHECK}
if ARGV[4] == '1' then redis.call('DEL', KEYS[1]) end
return 0
`,
);
