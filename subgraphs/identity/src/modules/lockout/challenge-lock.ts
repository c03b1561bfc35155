import type { GuardState } from "@oa/platform";
import type { StoredChallenge } from "../step-up/challenge-state";
import type { LoginLockout } from "./login-lockout";

/**
 * The lock that stops a challenge: the sign-in lock for a sign-in challenge; for a recovery
 * challenge the person's recovery budget's (a person locked out of signing in may still recover;
 * decision 0012).
 */
export function challengeLock(lockout: LoginLockout, challenge: Pick<StoredChallenge, "purpose" | "subject">): Promise<GuardState> {
  return lockout.check(challenge.purpose === "recovery" ? lockout.recoverySubjectOf(challenge.subject) : challenge.subject);
}
