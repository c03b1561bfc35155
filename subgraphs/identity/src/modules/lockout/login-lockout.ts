import { createHmac } from "node:crypto";
import { AttemptGuard, type AttemptLimits, KeySpace, type RedisClient } from "@oa/platform";
import { usernameKey } from "../credentials/username-policy";

/** Whose tries are counted: a keyed hash of the lower-cased username, known or not (or of one registered device of it). */
export type LockoutSubject = string & { readonly __brand: "LockoutSubject" };

/**
 * The lock on online access after too many failed tries: wrong passwords and wrong step-up codes
 * or answers, all against one budget per person. A try reserves its check first (so a burst of
 * wrong ones gets at most LOCKOUT_MAX_FAILURES checks, and a burst of right ones waits its turn),
 * then ends as a failure, a release (right password, step-up still to come) or a success.
 *
 * A registered device that presents its deviceToken has a budget of its own: failures from
 * anywhere else never lock its owner out of it, and its own failures lock only it.
 */
export class LoginLockout extends AttemptGuard<LockoutSubject> {
  constructor(
    redis: RedisClient,
    keyPrefix: string,
    private readonly subjectKey: Buffer,
    /** LOCKOUT_MAX_FAILURES and LOCKOUT_SECONDS. */
    limits: AttemptLimits,
  ) {
    super(redis, new KeySpace(keyPrefix, "identity"), "login", limits);
  }

  /**
   * The same subject for every spelling of one username in any case. Unknown usernames are
   * counted exactly like known ones, and Redis never holds what was typed.
   */
  subjectOf(username: string): LockoutSubject {
    return this.hash(`login:${usernameKey(username)}`);
  }

  /** The budget of one registered device of the person whose subject this is. */
  deviceSubjectOf(subject: LockoutSubject, deviceId: string): LockoutSubject {
    return this.hash(`device:${subject}:${deviceId.toLowerCase()}`);
  }

  /**
   * The person's budget for the proofs a support agent checks before lifting their lock: beside
   * their own (which refuses every check while its lock holds, and that lock is what is lifted).
   */
  supportProofSubjectOf(subject: LockoutSubject): LockoutSubject {
    return this.hash(`support-proof:${subject}`);
  }

  /**
   * The person's budget for wrong recovery codes, beside their own (decision 0012): a recovery is
   * not stopped by the sign-in lock, but by this budget's, so it never gives more guesses.
   */
  recoverySubjectOf(subject: LockoutSubject): LockoutSubject {
    return this.hash(`recovery:${subject}`);
  }

  private hash(text: string): LockoutSubject {
    return createHmac("sha256", this.subjectKey).update(text, "utf8").digest("hex").slice(0, 40) as LockoutSubject;
  }
}
