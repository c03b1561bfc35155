import type { IdentityContext } from "../../context";
import { checkPasswordForm } from "../../modules/credentials/password-policy";
import { sendLockNotice } from "../../modules/lockout/lock-notice";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import type { StoredChallenge } from "../../modules/step-up/challenge-state";
import { credentialRejected } from "../credentials/credential-change.outcomes";
import { CredentialChangeRejection } from "../credentials/credentials.results";
import { codeStrategy } from "../step-up/strategies/code.strategy";
import { decide, type StepUpEvent, type StepUpOutcome } from "../step-up/step-up.machine";
import { change, settleTry, stepUpLimits } from "../step-up/verify-step-up.flow";
import { finishRecovery } from "./finish-recovery";
import { type RecoveryTryPlaces, recoveryTryFailed, releaseRecoveryTry, reserveRecoveryTry } from "./recovery-try-places";
import type { CompleteRecoveryInput } from "./recovery.inputs";
import { type CompleteRecoveryOutcome, recoveryCodeRejections } from "./recovery.outcomes";

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
export async function completeRecovery(context: IdentityContext, input: CompleteRecoveryInput): Promise<CompleteRecoveryOutcome> {
  const { services } = context;
  const newPassword = input.newPassword ?? null;
  // Before the code is used, only the rules that need nothing of the person (decision 0012).
  const weakness = newPassword === null ? null : checkPasswordForm(newPassword);
  if (weakness) return { completed: false, credential: credentialRejected(CredentialChangeRejection.WEAK_PASSWORD, weakness.message) };

  const strategy = codeStrategy(services.settings.lookupHmacKey, input.challengeId, input.code);
  const takeTry: StepUpEvent = { type: "takeTry", proof: "code", codeHash: strategy.codeHash, purpose: "recovery" };
  // Looked at first, so that a challenge that cannot take a try uses up nothing.
  const challenge = await services.stepUpChallenges.find(input.challengeId);
  const preview = decide(challenge, takeTry, Date.now(), stepUpLimits(context)).outcome;
  if (preview.outcome !== "tryTaken" || !challenge) return refusedCode(preview);

  const reservation = await reserveRecoveryTry(context, challenge);
  if ("refused" in reservation) {
    return { completed: false, stepUp: reservation.refused === "codesUsedUp" ? recoveryCodeRejections.codesUsedUp(services.settings) : recoveryCodeRejections.busy() };
  }
  const places = reservation.held;
  try {
    const taken = await change(context, challenge.id, takeTry);
    if (taken.outcome !== "tryTaken") return refusedCode(taken);
    const settled = await settleTry(context, challenge, strategy);
    if (settled.outcome === "invalid" || settled.outcome === "voided") await countWrongCode(context, challenge, places);
    if (settled.outcome !== "completed") return refusedCode(settled);
    // The recovery's failures are forgotten; the sign-in budget's are not (the phone alone does
    // not reset the count between rounds of password guesses): only a reset lifts them.
    await places.proof.succeeded();
    await places.signIn?.released();
    return await finishRecovery(context, challenge, newPassword);
  } finally {
    await releaseRecoveryTry(places);
  }
}

async function countWrongCode(context: IdentityContext, challenge: StoredChallenge, places: RecoveryTryPlaces): Promise<void> {
  const signIn = (await recoveryTryFailed(places)).find((place) => place.name === "person")?.state;
  const justLocked = signIn?.locked === true && signIn.justLocked;
  const origin = { userId: challenge.userId, clientAddress: context.credential.clientIp };
  await context.services.securityEvents.record([
    { ...origin, kind: SecurityEventKind.STEP_UP_FAILED },
    ...(justLocked ? [{ ...origin, kind: SecurityEventKind.ACCOUNT_LOCKED }] : []),
  ]);
  if (justLocked) sendLockNotice(context, challenge.customerId);
  context.services.logger.info("recovery code wrong", { userId: challenge.userId, locked: signIn?.locked ?? false });
}

/** The answer to every outcome of a code but a completion, in recovery's words. */
function refusedCode(outcome: StepUpOutcome): CompleteRecoveryOutcome {
  switch (outcome.outcome) {
    case "invalid":
      return { completed: false, stepUp: recoveryCodeRejections.invalidCode(outcome.triesLeft) };
    case "codeExpired":
      return { completed: false, stepUp: recoveryCodeRejections.codeExpired() };
    case "voided":
    case "void":
    case "busy":
      return { completed: false, stepUp: recoveryCodeRejections.tooManyAttempts() };
    default:
      return { completed: false, stepUp: recoveryCodeRejections.challengeExpired() };
  }
}
