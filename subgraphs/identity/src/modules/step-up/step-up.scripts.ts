import { RedisScript } from "@oa/platform";

// Every script works on one challenge hash (KEYS[1]); its `status` is pending, completed or void.

/**
 * Stores a new code's hash (voiding the previous code) unless a code went out less than the
 * resend interval ago. Answers {outcome, ms to wait}; outcome sent | too_soon | void | expired.
 * ARGV: now ms, resend interval ms, code hash, code expiry ms.
 */
export const storeCode = new RedisScript<[string, number]>(
  "step-up.storeCode",
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'expired', 0} end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'void' then return {'void', 0} end
if status ~= 'pending' then return {'expired', 0} end
local now = tonumber(ARGV[1])
local sentAt = tonumber(redis.call('HGET', KEYS[1], 'codeSentAt') or '0')
local wait = sentAt + tonumber(ARGV[2]) - now
if sentAt > 0 and wait > 0 then return {'too_soon', wait} end
local codeExpiresAt = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], 'codeHash', ARGV[3], 'codeExpiresAt', ARGV[4], 'codeSentAt', ARGV[1])
-- the challenge lives at least as long as its code
if codeExpiresAt > tonumber(redis.call('HGET', KEYS[1], 'expiresAt')) then
  redis.call('HSET', KEYS[1], 'expiresAt', ARGV[4])
  redis.call('EXPIRE', KEYS[1], math.ceil((codeExpiresAt - now) / 1000) + 1)
end
return {'sent', 0}
`,
);

// `attempts` counts wrong tries; `checking` counts answer checks under way (reserved, not yet
// known right or wrong). A new try is allowed only while attempts + checking < max, so the tries
// checked never exceed the maximum, and a check under way never voids a challenge by itself.

/**
 * Checks a code and, when it is right and live, completes the challenge: only one call ever
 * completes it. A wrong code uses up one try; the last try voids the challenge. Answers
 * {outcome, tries left}; outcome completed | invalid | voided (by this try) | void (before) |
 * busy (the remaining tries are under way) | code_expired | expired.
 * ARGV: now ms, code hash, max tries.
 */
export const verifyCode = new RedisScript<[string, number]>(
  "step-up.verifyCode",
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'expired', 0} end
local status = redis.call('HGET', KEYS[1], 'status')
local stored = redis.call('HGET', KEYS[1], 'codeHash')
local matches = stored ~= false and stored ~= '' and stored == ARGV[2]
if status == 'void' then return {'void', 0} end
if status ~= 'pending' then
  if matches then return {'code_expired', 0} end
  return {'expired', 0}
end
local max = tonumber(ARGV[3])
local attempts = tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0')
local checking = tonumber(redis.call('HGET', KEYS[1], 'checking') or '0')
if attempts + checking >= max then return {'busy', 0} end
if matches then
  if tonumber(redis.call('HGET', KEYS[1], 'codeExpiresAt')) < tonumber(ARGV[1]) then return {'code_expired', 0} end
  redis.call('HSET', KEYS[1], 'status', 'completed')
  return {'completed', 0}
end
attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if attempts >= max then
  redis.call('HSET', KEYS[1], 'status', 'void')
  return {'voided', 0}
end
return {'invalid', max - attempts}
`,
);

/**
 * Takes one try for a set of answers before they are checked (the check is slow), so parallel
 * requests never get more checks than the challenge allows. Answers {outcome, tries left after
 * this one}; outcome reserved | busy | void | expired. ARGV: max tries.
 */
export const reserveAnswerTry = new RedisScript<[string, number]>(
  "step-up.reserveAnswerTry",
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'expired', 0} end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'void' then return {'void', 0} end
if status ~= 'pending' then return {'expired', 0} end
local max = tonumber(ARGV[1])
local attempts = tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0')
local checking = tonumber(redis.call('HGET', KEYS[1], 'checking') or '0')
if attempts + checking >= max then return {'busy', 0} end
checking = redis.call('HINCRBY', KEYS[1], 'checking', 1)
return {'reserved', max - attempts - checking}
`,
);

/** The reserved answers were right: completes the challenge once. Answers completed | void | expired. */
export const completeAnswers = new RedisScript<string>(
  "step-up.completeAnswers",
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'expired' end
if tonumber(redis.call('HGET', KEYS[1], 'checking') or '0') > 0 then redis.call('HINCRBY', KEYS[1], 'checking', -1) end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'pending' then
  redis.call('HSET', KEYS[1], 'status', 'completed')
  return 'completed'
end
if status == 'void' then return 'void' end
return 'expired'
`,
);

/**
 * The reserved answers were wrong: uses up a try, and voids the challenge when it was the last.
 * Answers {outcome, tries left}; outcome invalid | voided (by this try) | void | expired.
 * ARGV: max tries.
 */
export const failAnswers = new RedisScript<[string, number]>(
  "step-up.failAnswers",
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'expired', 0} end
if tonumber(redis.call('HGET', KEYS[1], 'checking') or '0') > 0 then redis.call('HINCRBY', KEYS[1], 'checking', -1) end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'void' then return {'void', 0} end
if status ~= 'pending' then return {'expired', 0} end
local max = tonumber(ARGV[1])
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if attempts >= max then
  redis.call('HSET', KEYS[1], 'status', 'void')
  return {'voided', 0}
end
return {'invalid', max - attempts}
`,
);

/** Puts a completed challenge back to pending, when the sign-in could not be finished after all. */
export const reopen = new RedisScript<number>(
  "step-up.reopen",
  `
if redis.call('HGET', KEYS[1], 'status') == 'completed' then
  redis.call('HSET', KEYS[1], 'status', 'pending')
  return 1
end
return 0
`,
);
