import { randomInt } from "node:crypto";
import type { StoredChallenge } from "../../modules/step-up/challenge-state";
import { RESEND_AFTER_SECONDS, type StepUpChallengeStore } from "../../modules/step-up/step-up-challenge.store";
import type { StepUpStrategy } from "./strategies/step-up-strategy";
import { type CheckedProof, decide, type StepUpEvent, type StepUpLimits, type StepUpOutcome } from "./step-up.machine";

// How long a try waits for one of the challenge's tries while others are being checked (as a
// check waits for a place on a budget, decision 0004) before it answers TOO_MANY_ATTEMPTS.
const TRY_WAIT_MS = 5_000;

/** STEP_UP_MAX_ATTEMPTS, and the resend interval every challenge has. */
export function stepUpLimits(maxAttempts: number): StepUpLimits {
  return { maxAttempts, resendAfterMs: RESEND_AFTER_SECONDS * 1000 };
}

/**
 * The step-up state machine (step-up.machine.ts) applied to stored challenges: every change is
 * decided on the challenge as read and written by the store's compare-and-set (decision 0011).
 * What verifyStepUp, sendSecurityCode and completeRecovery do to a challenge, they do here.
 */
export class ChallengeSteps {
  constructor(
    private readonly store: Pick<StepUpChallengeStore, "find" | "change">,
    private readonly limits: StepUpLimits,
  ) {}

  /** The challenge as stored, in any state; null for an unknown id. */
  find(challengeId: string): Promise<StoredChallenge | null> {
    return this.store.find(challengeId);
  }

  /** What `event` would do to the challenge as read, writing nothing: looked at first, so that a challenge that would refuse uses nothing up. */
  preview(challenge: StoredChallenge | null, event: StepUpEvent): StepUpOutcome {
    return decide(challenge, event, Date.now(), this.limits).outcome;
  }

  /** Decides `event` on the stored challenge and writes the decision atomically. */
  change(challengeId: string, event: StepUpEvent): Promise<StepUpOutcome> {
    return this.store.change(challengeId, (stored) => decide(stored, event, Date.now(), this.limits));
  }

  /**
   * Takes one of the challenge's tries (a `takeTry` event), waiting its turn while every try left
   * is being checked by other requests: when those turn out wrong, the challenge is void or has a
   * try again; when one is right, this one finds it completed. Only a wait past TRY_WAIT_MS
   * answers busy.
   */
  async takeTry(challengeId: string, event: Extract<StepUpEvent, { type: "takeTry" }>): Promise<StepUpOutcome> {
    const giveUpAt = Date.now() + TRY_WAIT_MS;
    for (;;) {
      const outcome = await this.change(challengeId, event);
      if (outcome.outcome !== "busy" || Date.now() >= giveUpAt) return outcome;
      // Jitter spreads the waiting tries out, so they do not all ask again at once.
      await new Promise((resolve) => setTimeout(resolve, 20 + randomInt(30)));
    }
  }

  /** Checks the taken try's proof and settles it; a check that fails to run gives the try back. */
  async settle(challenge: StoredChallenge, strategy: StepUpStrategy): Promise<StepUpOutcome> {
    let proof: CheckedProof;
    try {
      proof = await strategy.check(challenge);
    } catch (error) {
      await this.change(challenge.id, { type: "abandon" }).catch(() => undefined);
      throw error;
    }
    return this.change(challenge.id, { type: "settle", proof });
  }
}
