import { KeySpace, type RedisClient, RedisScript } from "@oa/platform";
import type { LockoutSubject } from "../lockout/login-lockout";

export interface CodeSendLimits {
  /** SECURITY_CODE_MAX_SENDS. */
  maxSends: number;
  /** SECURITY_CODE_TTL_SECONDS: the window, from the first code sent in it. */
  windowSeconds: number;
}

// KEYS[1] codes sent in the window; ARGV max, window seconds. Answers {1, 0} when a send is
// taken, else {0, ms until the window ends}.
const takeSend = new RedisScript<[number, number]>(
  "codeSends.take",
  `
local sent = tonumber(redis.call('GET', KEYS[1]) or '0')
if sent >= tonumber(ARGV[1]) then
  local left = redis.call('PTTL', KEYS[1])
  if left < 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[2])
    left = tonumber(ARGV[2]) * 1000
  end
  return {0, left}
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return {1, 0}
`,
);

const giveBackSend = new RedisScript<number>(
  "codeSends.giveBack",
  `if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 0`,
);

export type SendTaken = { taken: true } | { taken: false; retryAfterSeconds: number };

/**
 * Security codes sent to one person within the code lifetime, across all their challenges, so
 * that opening challenge after challenge cannot flood a phone or a mailbox. Counted per lockout
 * subject (the person's keyed username hash), atomically; a send is taken before the code is
 * made and given back when it is not sent after all.
 */
export class SecurityCodeSends {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
    private readonly limits: CodeSendLimits,
  ) {
    this.keys = new KeySpace(keyPrefix, "identity");
  }

  async take(subject: LockoutSubject): Promise<SendTaken> {
    const [taken, leftMs] = await takeSend.run(this.redis, [this.key(subject)], [this.limits.maxSends, this.limits.windowSeconds]);
    return taken === 1 ? { taken: true } : { taken: false, retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)) };
  }

  async giveBack(subject: LockoutSubject): Promise<void> {
    await giveBackSend.run(this.redis, [this.key(subject)]);
  }

  private key(subject: LockoutSubject): string {
    return this.keys.key(`{codes:${subject}}`, "sent");
  }
}
