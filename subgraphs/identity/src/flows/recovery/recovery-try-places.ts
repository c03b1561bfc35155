import { type AttemptGuard, clientPlace, type FailureStates, type HeldPlaces, reservePlaces } from "@oa/platform";
import type { LoginLockout } from "../../modules/lockout/login-lockout";
import type { StoredChallenge } from "../../modules/step-up/challenge-state";

/** The places one recovery code holds while it is checked. */
export interface RecoveryTryPlaces {
  /** The client's and the person's recovery budget: a wrong code counts on both, a right one ends them. */
  proof: HeldPlaces;
  /** The person's sign-in budget while it is open (null while its lock holds): a wrong code counts toward the lock. */
  signIn: HeldPlaces | null;
}

export type RecoveryTryReservation = { held: RecoveryTryPlaces } | { refused: "codesUsedUp" | "busy" };

/**
 * Takes, before a recovery code is checked, a place on every budget it counts against (decision
 * 0012): the client address, the person's recovery budget, and the person's sign-in budget unless
 * that one is locked. The sign-in lock does not stop a recovery (a locked-out person with their
 * phone gets back in); the recovery budget does, so recovery never checks more than
 * LOCKOUT_MAX_FAILURES wrong codes of a person per LOCKOUT_SECONDS, whether or not they are locked.
 */
export async function reserveRecoveryTry(
  deps: { clientAttempts: AttemptGuard; lockout: LoginLockout },
  clientAddress: string | null,
  challenge: StoredChallenge,
): Promise<RecoveryTryReservation> {
  const { lockout } = deps;
  const proof = await reservePlaces([
    ...clientPlace(deps.clientAttempts, clientAddress),
    { name: "recovery", guard: lockout, subject: lockout.recoverySubjectOf(challenge.subject) },
  ]);
  if ("refused" in proof) {
    const { name, state } = proof.refused;
    return { refused: name === "recovery" && state.locked ? "codesUsedUp" : "busy" };
  }
  const signIn = await reservePlaces([{ name: "person", guard: lockout, subject: challenge.subject }]).catch(async (error: unknown) => {
    await proof.held.released();
    throw error;
  });
  if ("refused" in signIn) {
    if (signIn.refused.state.locked) return { held: { proof: proof.held, signIn: null } };
    await proof.held.released();
    return { refused: "busy" };
  }
  return { held: { proof: proof.held, signIn: signIn.held } };
}

/** A wrong code: one failure on every budget held. Answers how the sign-in budget ended up (justLocked: send the notice). */
export async function recoveryTryFailed(places: RecoveryTryPlaces): Promise<FailureStates> {
  const [, signIn] = await Promise.all([places.proof.failed(), places.signIn?.failed() ?? Promise.resolve([])]);
  return signIn;
}

/** Ends every place not ended yet, neither failure nor success (safe in a `finally`). */
export async function releaseRecoveryTry(places: RecoveryTryPlaces): Promise<void> {
  await Promise.all([places.proof.released(), places.signIn?.released()]);
}
