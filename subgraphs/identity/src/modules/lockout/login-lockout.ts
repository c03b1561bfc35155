import { createHmac } from "node:crypto";
import type { RedisClient } from "@oa/platform";
import { AttemptGuard, type AttemptLimits } from "../attempts/attempt-guard";
import { usernameKey } from "../credentials/username-policy";

/** Whose tries are counted: a keyed hash of the lower-cased username, known or not. */
export type LockoutSubject = string & { readonly __brand: "LockoutSubject" };

/**
 * The lock on online access after too many failed tries (wrong passwords, wrong step-up codes or
 * answers). A password try reserves its check first (so a burst of wrong ones gets at most
 * LOCKOUT_MAX_FAILURES checks, and a burst of right ones waits its turn), then ends as a failure,
 * a release (right password, step-up still to come) or a success. A step-up failure is counted
 * after its own atomic, per-challenge bounded check.
 */
export class LoginLockout extends AttemptGuard<LockoutSubject> {
  constructor(
    redis: RedisClient,
    keyPrefix: string,
    private readonly subjectKey: Buffer,
    /** LOCKOUT_MAX_FAILURES and LOCKOUT_SECONDS. */
    limits: AttemptLimits,
  ) {
    super(redis, keyPrefix, "login", limits);
  }

  /**
   * The same subject for every spelling of one username in any case. Unknown usernames are
   * counted exactly like known ones, and Redis never holds what was typed.
   */
  subjectOf(username: string): LockoutSubject {
    return createHmac("sha256", this.subjectKey).update(`login:${usernameKey(username)}`, "utf8").digest("hex").slice(0, 40) as LockoutSubject;
  }
}
