import type { ChallengePurpose, ChallengeState } from "../../modules/step-up/challenge-state";
import { sameCodeHash } from "../../modules/step-up/security-code";
import { isCodeMethod, StepUpMethod } from "../../modules/step-up/step-up-method";

/** STEP_UP_MAX_ATTEMPTS and the shortest time between two codes of one challenge. */
export interface StepUpLimits {
  maxAttempts: number;
  resendAfterMs: number;
}

/** How a try proves it is the person: a code sent to a contact, or the answers to the challenge's questions. */
export type ProofKind = "code" | "answers";

/** A proof once checked: a code as its hash (compared here), answers as right or wrong (checked against their hashes). */
export type CheckedProof = { kind: "code"; codeHash: string } | { kind: "answers"; right: boolean };

export type StepUpEvent =
  /** A new code replaces the previous one. */
  | { type: "sendCode"; method: StepUpMethod; codeHash: string; codeExpiresAt: number }
  /**
   * Takes a try before its proof is checked; `codeHash` tells a used code from a wrong one, and
   * `purpose` is what the caller completes (verifyStepUp signs in, completeRecovery recovers).
   */
  | { type: "takeTry"; proof: ProofKind; codeHash: string | null; purpose: ChallengePurpose }
  /** The taken try's proof, checked. */
  | { type: "settle"; proof: CheckedProof }
  /** The taken try could not be checked (a dependency failed): it is given back. */
  | { type: "abandon" }
  /** The sign-in after a completion could not be finished: the challenge is pending again. */
  | { type: "reopen" };

export type StepUpOutcome =
  | { outcome: "codeSent" }
  | { outcome: "resendTooSoon"; retryAfterSeconds: number }
  | { outcome: "methodUnavailable" }
  | { outcome: "tryTaken"; triesLeft: number }
  /** Every try left is being checked by other requests right now. */
  | { outcome: "busy" }
  | { outcome: "completed" }
  | { outcome: "invalid"; triesLeft: number }
  /** This wrong try was the challenge's last. */
  | { outcome: "voided" }
  /** Void before this try. */
  | { outcome: "void" }
  /** The right code, but expired or already used. */
  | { outcome: "codeExpired" }
  /** Unknown, expired, or completed (and not by this code). */
  | { outcome: "challengeExpired" }
  | { outcome: "given" };

/** The outcome, and the state to store: null when nothing changes. */
export interface Decision {
  outcome: StepUpOutcome;
  next: ChallengeState | null;
}

const unchanged = (outcome: StepUpOutcome): Decision => ({ outcome, next: null });

/**
 * The step-up challenge as a state machine: from the challenge as stored (null when unknown), one
 * event and the time, the outcome and the next state. Pure: the store applies `next` atomically
 * (and decides again when the challenge changed meanwhile), so every rule is here, in one place.
 *
 *   pending ──takeTry──▶ pending (checking+1)            unless attempts + checking reach the maximum: busy
 *   pending ──settle(right, live code)──▶ completed      once, whoever settles first
 *   pending ──settle(wrong)──▶ pending (attempts+1)      the maximum-th wrong try: ──▶ void
 *   pending ──sendCode──▶ pending (new code)             at most once per resend interval
 *   completed ──reopen──▶ pending
 * A challenge past its expiry is gone, whatever its status; to a try of another purpose (a
 * recovery challenge at verifyStepUp, a sign-in challenge at completeRecovery) it is unknown.
 */
export function decide(challenge: ChallengeState | null, event: StepUpEvent, now: number, limits: StepUpLimits): Decision {
  if (!challenge || challenge.expiresAt <= now) return unchanged({ outcome: "challengeExpired" });
  switch (event.type) {
    case "sendCode":
      return sendCode(challenge, event, now, limits);
    case "takeTry":
      return takeTry(challenge, event, limits);
    case "settle":
      return settle(challenge, event.proof, now, limits);
    case "abandon":
      return { outcome: { outcome: "given" }, next: { ...challenge, checking: Math.max(0, challenge.checking - 1) } };
    case "reopen":
      return challenge.status === "completed" ? { outcome: { outcome: "given" }, next: { ...challenge, status: "pending" } } : unchanged({ outcome: "given" });
  }
}

/** Whether the challenge offers a way to prove it of this kind. */
export function offers(challenge: ChallengeState, proof: ProofKind): boolean {
  return challenge.methods.some((offer) => (proof === "code" ? isCodeMethod(offer.method) : offer.method === StepUpMethod.SECURITY_QUESTIONS));
}

/** What a challenge that is not pending answers; for a code, whether it is the one that completed it. */
function notPending(challenge: ChallengeState, codeHash: string | null): StepUpOutcome {
  if (challenge.status === "void") return { outcome: "void" };
  return codeHash !== null && sameCodeHash(codeHash, challenge.codeHash) ? { outcome: "codeExpired" } : { outcome: "challengeExpired" };
}

function sendCode(challenge: ChallengeState, event: Extract<StepUpEvent, { type: "sendCode" }>, now: number, limits: StepUpLimits): Decision {
  if (challenge.status !== "pending") return unchanged(notPending(challenge, null));
  if (!isCodeMethod(event.method) || !challenge.methods.some((offer) => offer.method === event.method)) {
    return unchanged({ outcome: "methodUnavailable" });
  }
  const waitMs = challenge.codeSentAt + limits.resendAfterMs - now;
  if (challenge.codeSentAt > 0 && waitMs > 0) return unchanged({ outcome: "resendTooSoon", retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });
  return {
    outcome: { outcome: "codeSent" },
    // The challenge lives at least as long as its code.
    next: { ...challenge, codeHash: event.codeHash, codeExpiresAt: event.codeExpiresAt, codeSentAt: now, expiresAt: Math.max(challenge.expiresAt, event.codeExpiresAt) },
  };
}

function takeTry(challenge: ChallengeState, event: Extract<StepUpEvent, { type: "takeTry" }>, limits: StepUpLimits): Decision {
  // Checked first: a recovery never completes a sign-in, nor a sign-in a recovery, and neither learns anything of the other.
  if (challenge.purpose !== event.purpose) return unchanged({ outcome: "challengeExpired" });
  if (challenge.status !== "pending") return unchanged(notPending(challenge, event.codeHash));
  if (!offers(challenge, event.proof)) return unchanged({ outcome: "methodUnavailable" });
  if (challenge.attempts + challenge.checking >= limits.maxAttempts) return unchanged({ outcome: "busy" });
  const checking = challenge.checking + 1;
  return { outcome: { outcome: "tryTaken", triesLeft: limits.maxAttempts - challenge.attempts - checking }, next: { ...challenge, checking } };
}

function settle(challenge: ChallengeState, proof: CheckedProof, now: number, limits: StepUpLimits): Decision {
  const base: ChallengeState = { ...challenge, checking: Math.max(0, challenge.checking - 1) };
  const codeHash = proof.kind === "code" ? proof.codeHash : null;
  if (challenge.status !== "pending") return { outcome: notPending(challenge, codeHash), next: base };
  const right = proof.kind === "answers" ? proof.right : sameCodeHash(proof.codeHash, challenge.codeHash || null);
  if (right && proof.kind === "code" && challenge.codeExpiresAt < now) return { outcome: { outcome: "codeExpired" }, next: base };
  if (right) return { outcome: { outcome: "completed" }, next: { ...base, status: "completed" } };
  const attempts = base.attempts + 1;
  if (attempts >= limits.maxAttempts) return { outcome: { outcome: "voided" }, next: { ...base, attempts, status: "void" } };
  return { outcome: { outcome: "invalid", triesLeft: limits.maxAttempts - attempts }, next: { ...base, attempts } };
}
