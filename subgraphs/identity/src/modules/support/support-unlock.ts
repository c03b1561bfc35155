import { type Logger, reservePlaces } from "@oa/platform";
import type { PasswordCheck } from "../credentials/secret-hashing";
import { liftLocks, type PersonLockSubjects } from "../lockout/lift-locks";
import type { LockoutSubject, LoginLockout } from "../lockout/login-lockout";
import type { PersonNotices } from "../notice/person-notices";
import { SecurityEventKind } from "../security-event/security-event-kind";
import type { SecurityEvents } from "../security-event/security-events";
import { type CallerProof, proofMatches } from "./proof-checks";
import type { ProofOnFile } from "./proof-on-file";
import type { SupportActor } from "./support-input";

/** What a support unlock uses, and nothing else. */
export interface SupportUnlockDeps {
  lockout: LoginLockout;
  securityEvents: SecurityEvents;
  logger: Logger;
  taxIdEncryptionKey: Buffer;
  /** Verifies the caller's answer against its hash on file (the dummy hash for none). */
  checkAnswer: PasswordCheck;
  /** The login and what its proof is checked against, or null for an unknown username. */
  proofOnFile: (username: string, questionId: string) => Promise<ProofOnFile | null>;
  /** The person's lock budgets: their own and each registered device's (device-trust); throws when it cannot say. */
  lockSubjectsOf: (login: { userId: string; username: string }) => Promise<PersonLockSubjects>;
  /** Tells the person on file that a wrong proof just locked their online access. */
  notices: Pick<PersonNotices, "accessLocked">;
}

export type SupportUnlockOutcome =
  /** The proof was right: the person's lock, and each of their registered devices', is lifted. */
  | { kind: "unlocked"; lockLifted: boolean }
  /** A wrong proof, or no such username: one answer for both, in the same time. */
  | { kind: "notVerified" }
  /** Too many wrong proofs for this username lately (or too many being checked at once). */
  | { kind: "tooManyAttempts"; retryAfterSeconds: number };

/**
 * A support agent lifts a locked-out person's lock once the caller proved who they are (the last
 * four digits of their tax id and the answer to one of their security questions):
 *   proof budget spent         → tooManyAttempts (nothing checked)
 *   unknown username / wrong   → notVerified: one failure on the proof budget and one toward the
 *                                person's own lock; STEP_UP_FAILED recorded with agent and reason
 *                                (and ACCOUNT_LOCKED with the lock notice when it set the lock)
 *   right                      → unlocked: ACCOUNT_UNLOCKED recorded, then the person's lock and
 *                                each registered device's lifted, their failures forgotten
 * The check reserves a place on the person's support-proof budget first (LOCKOUT_MAX_FAILURES per
 * LOCKOUT_SECONDS, beside their login budget, whose lock refuses every check while it holds), so
 * guesses are bounded per username even under parallel calls. Why: docs/decisions/0014.
 */
export async function supportUnlock(deps: SupportUnlockDeps, username: string, proof: CallerProof, actor: SupportActor): Promise<SupportUnlockOutcome> {
  const { lockout } = deps;
  const person = lockout.subjectOf(username);
  const reservation = await reservePlaces([{ name: "proof", guard: lockout, subject: lockout.supportProofSubjectOf(person) }]);
  if ("refused" in reservation) {
    const { state } = reservation.refused;
    return { kind: "tooManyAttempts", retryAfterSeconds: state.locked ? state.retryAfterSeconds : 1 };
  }
  const { held } = reservation;
  try {
    const onFile = await deps.proofOnFile(username, proof.questionId);
    // Checked for an unknown username too (against nothing): it takes the time a wrong proof takes.
    const right = await proofMatches(onFile, proof, deps.taxIdEncryptionKey, deps.checkAnswer);
    if (!onFile || !right) {
      await held.failed();
      await countTowardTheLock(deps, person, onFile, actor);
      return { kind: "notVerified" };
    }
    const subjects = await deps.lockSubjectsOf({ userId: onFile.userId, username });
    // Recorded before the lift (a change outside PostgreSQL), so no unlock goes unrecorded.
    await deps.securityEvents.record({ userId: onFile.userId, kind: SecurityEventKind.ACCOUNT_UNLOCKED, ...actor });
    await held.succeeded();
    const lockLifted = await liftLocks(lockout, subjects);
    deps.logger.info("unlocked by support", { userId: onFile.userId, agent: actor.agent, lockLifted });
    return { kind: "unlocked", lockLifted };
  } finally {
    await held.released();
  }
}

/**
 * A wrong proof is a failed guess about the person: it counts toward their lock (nothing changes
 * while the lock holds). Recorded in the background, so that it answers in the time an unknown
 * username does.
 */
async function countTowardTheLock(deps: SupportUnlockDeps, person: LockoutSubject, onFile: ProofOnFile | null, actor: SupportActor): Promise<void> {
  const state = await deps.lockout.countFailure(person);
  const justLocked = state.locked && state.justLocked;
  if (!onFile) return;
  deps.securityEvents.recordInBackground([
    { userId: onFile.userId, kind: SecurityEventKind.STEP_UP_FAILED, ...actor },
    ...(justLocked ? [{ userId: onFile.userId, kind: SecurityEventKind.ACCOUNT_LOCKED, ...actor }] : []),
  ]);
  if (justLocked) deps.notices.accessLocked(onFile.customerId);
  deps.logger.info("support unlock refused", { userId: onFile.userId, agent: actor.agent });
}
