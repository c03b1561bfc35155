import type { AttemptGuard } from "@oa/platform";
import { checkPasswordForm } from "../../modules/credentials/password-policy";
import type { PersonNotices } from "../../modules/notice/person-notices";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import type { StoredChallenge } from "../../modules/step-up/challenge-state";
import { credentialRefusals } from "../credentials/credential-change.outcome";
import type { ChallengeSteps } from "../step-up/challenge-steps";
import { codeStrategy } from "../step-up/strategies/code.strategy";
import type { StepUpEvent, StepUpOutcome } from "../step-up/step-up.machine";
import { type FinishRecoveryDeps, finishRecovery } from "./finish-recovery";
import { type RecoveryTryPlaces, recoveryTryFailed, releaseRecoveryTry, reserveRecoveryTry } from "./recovery-try-places";
import { type CompleteRecoveryOutcome, recoveryCodeRefusals } from "./recovery.outcome";

/** What completing a recovery uses, and nothing else (what a right code does: FinishRecoveryDeps). */
export interface CompleteRecoveryDeps extends FinishRecoveryDeps {
  challenges: ChallengeSteps;
  /** LOOKUP_HMAC_KEY: a code is hashed with its challenge's id. */
  lookupHmacKey: Buffer;
  clientAttempts: AttemptGuard;
  notices: Pick<PersonNotices, "accessLocked" | "passwordReset" | "usernameRecovered">;
  supportPhone: string;
}

/** What a recovery is completed with (CompleteRecoveryInput). */
export interface RecoveryCode {
  challengeId: string;
  code: string;
  newPassword?: string | null;
}

/**
 * completeRecovery, step by step; the first step that fails decides the answer:
 *   newPassword's form (length, common)               → CredentialChangeRejected WEAK_PASSWORD (the code untouched)
 *   unknown / expired / completed recovery, or a sign-in challenge → StepUpRejected CHALLENGE_EXPIRED
 *                                                        (the code that completed it again: CODE_EXPIRED)
 *   void recovery                                     → TOO_MANY_ATTEMPTS
 *   the person's wrong recovery codes used up         → ACCOUNT_LOCKED (decision 0012; the sign-in lock does not stop it)
 *   the client address past CLIENT_MAX_FAILURES, or every try left being checked → TOO_MANY_ATTEMPTS
 *   wrong code                                        → INVALID_CODE: one try of the challenge, and one failure on
 *                                                        the client's, the recovery's and (while open) the sign-in
 *                                                        budget (the last try of the challenge: TOO_MANY_ATTEMPTS)
 *   right code: see finishRecovery (the username; with newPassword, the rules about the person
 *   on file, then the reset).
 * The try is taken and settled by the step-up machinery (the state machine, the code strategy),
 * after a place on every budget is reserved.
 */
export async function completeRecovery(deps: CompleteRecoveryDeps, request: { clientAddress: string | null }, input: RecoveryCode): Promise<CompleteRecoveryOutcome> {
  const newPassword = input.newPassword ?? null;
  // Before the code is used, only the rules that need nothing of the person (decision 0012).
  const weakness = newPassword === null ? null : checkPasswordForm(newPassword);
  if (weakness) return { kind: "passwordRefused", refusal: credentialRefusals.weakPassword(weakness.message) };

  const strategy = codeStrategy(deps.lookupHmacKey, input.challengeId, input.code);
  const takeTry: StepUpEvent = { type: "takeTry", proof: "code", codeHash: strategy.codeHash, purpose: "recovery" };
  // Looked at first, so that a challenge that cannot take a try uses up nothing.
  const challenge = await deps.challenges.find(input.challengeId);
  const preview = deps.challenges.preview(challenge, takeTry);
  // Busy is no refusal yet: the try waits its turn once its places are taken.
  if ((preview.outcome !== "tryTaken" && preview.outcome !== "busy") || !challenge) return refusedCode(preview);

  const reservation = await reserveRecoveryTry(deps, request.clientAddress, challenge);
  if ("refused" in reservation) {
    const refusal = reservation.refused === "codesUsedUp" ? recoveryCodeRefusals.codesUsedUp(deps.supportPhone) : recoveryCodeRefusals.busy();
    return { kind: "codeRefused", refusal };
  }
  const places = reservation.held;
  try {
    const taken = await deps.challenges.takeTry(challenge.id, takeTry);
    if (taken.outcome !== "tryTaken") return refusedCode(taken);
    const settled = await deps.challenges.settle(challenge, strategy);
    if (settled.outcome === "invalid" || settled.outcome === "voided") await countWrongCode(deps, request, challenge, places);
    if (settled.outcome !== "completed") return refusedCode(settled);
    // The recovery's failures are forgotten; the sign-in budget's are not (the phone alone does
    // not reset the count between rounds of password guesses): only a reset lifts them.
    await places.proof.succeeded();
    await places.signIn?.released();
    return await finishRecovery(deps, request, challenge, newPassword);
  } finally {
    await releaseRecoveryTry(places);
  }
}

async function countWrongCode(deps: CompleteRecoveryDeps, request: { clientAddress: string | null }, challenge: StoredChallenge, places: RecoveryTryPlaces): Promise<void> {
  const signIn = (await recoveryTryFailed(places)).find((place) => place.name === "person")?.state;
  const justLocked = signIn?.locked === true && signIn.justLocked;
  const origin = { userId: challenge.userId, clientAddress: request.clientAddress };
  await deps.securityEvents.record([{ ...origin, kind: SecurityEventKind.STEP_UP_FAILED }, ...(justLocked ? [{ ...origin, kind: SecurityEventKind.ACCOUNT_LOCKED }] : [])]);
  if (justLocked) deps.notices.accessLocked(challenge.customerId);
  deps.logger.info("recovery code wrong", { userId: challenge.userId, locked: signIn?.locked ?? false });
}

/** The answer to every outcome of a code but a completion, in recovery's words. */
function refusedCode(outcome: StepUpOutcome): CompleteRecoveryOutcome {
  switch (outcome.outcome) {
    case "invalid":
      return { kind: "codeRefused", refusal: recoveryCodeRefusals.invalidCode(outcome.triesLeft) };
    case "codeExpired":
      return { kind: "codeRefused", refusal: recoveryCodeRefusals.codeExpired() };
    case "voided":
    case "void":
    case "busy":
      return { kind: "codeRefused", refusal: recoveryCodeRefusals.tooManyAttempts() };
    default:
      return { kind: "codeRefused", refusal: recoveryCodeRefusals.challengeExpired() };
  }
}
