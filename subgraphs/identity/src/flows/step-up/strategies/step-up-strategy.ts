import type { StoredChallenge } from "../../../modules/step-up/challenge-state";
import type { CheckedProof, ProofKind } from "../step-up.machine";
import type { StepUpRefusal } from "../step-up.outcome";

/**
 * One way to prove it is the person, behind the same step-up flow: the flow takes a try, asks the
 * strategy to check its proof, and lets the state machine settle it.
 */
export interface StepUpStrategy {
  readonly kind: ProofKind;
  /** For a code, its hash (bound to the challenge): tells a used code from a wrong one before a try is taken. */
  readonly codeHash: string | null;
  /** Checks the proof; runs only once a try is taken (answers are slow to check on purpose). */
  check(challenge: StoredChallenge): Promise<CheckedProof>;
  /** What a wrong proof answers, with the tries left on the challenge. */
  wrong(triesLeft: number): StepUpRefusal;
}
