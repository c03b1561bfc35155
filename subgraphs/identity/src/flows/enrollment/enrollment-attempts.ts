import type { RedisClient } from "@oa/platform";
import { AttemptGuard } from "../../modules/attempts/attempt-guard";

/** Failed verifications one tax id may have before enrollment is refused for it. */
export const ENROLLMENT_MAX_FAILURES = 5;
/** The window those failures count in (from the first), and how long the refusal lasts. */
export const ENROLLMENT_LOCK_SECONDS = 15 * 60;

/**
 * Failed enrollment verifications per tax id, keyed by the tax id's HMAC (never the tax id).
 * A verification reserves its check first, so a parallel burst of wrong details gets no more
 * verifications than the failures left, and a right one always gets its turn.
 */
export class EnrollmentAttempts extends AttemptGuard {
  constructor(redis: RedisClient, prefix: string, maxFailures = ENROLLMENT_MAX_FAILURES, lockSeconds = ENROLLMENT_LOCK_SECONDS) {
    super(redis, prefix, "enroll", { maxFailures, lockSeconds });
  }
}
