import type { LockoutSubject } from "../../modules/lockout/login-lockout";
import type { MethodOffer } from "../../modules/step-up/challenge-state";
import { type ChallengeView, challengeView } from "../../modules/step-up/challenge-view";
import type { StepUpChallengeStore } from "../../modules/step-up/step-up-challenge.store";

/**
 * Opens a recovery challenge: only the code methods on file (`offers`), never questions (someone
 * who knows a person's tax id and account may well know their answers). Its wrong codes count
 * against the person's budgets (`subject`), and it completes a recovery only, never a sign-in.
 */
export async function openRecoveryChallenge(
  challenges: Pick<StepUpChallengeStore, "open">,
  login: { userId: string; customerId: string },
  subject: LockoutSubject,
  offers: MethodOffer[],
): Promise<ChallengeView> {
  const challenge = await challenges.open({ purpose: "recovery", userId: login.userId, customerId: login.customerId, subject, questionIds: [], methods: offers });
  return challengeView(challenge, new Map());
}
