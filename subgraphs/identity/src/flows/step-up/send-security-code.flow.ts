import { describeError, serviceUnavailable } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { maskEmail, maskPhone } from "../../masking/contact-masking";
import { challengeLock } from "../../modules/lockout/challenge-lock";
import { securityCodeText } from "../../modules/notice/message-texts";
import { newSecurityCode, securityCodeHash } from "../../modules/step-up/security-code";
import { RESEND_AFTER_SECONDS } from "../../modules/step-up/step-up-challenge.store";
import { isCodeMethod, StepUpMethod } from "../../modules/step-up/step-up-method";
import { decide, type StepUpOutcome } from "./step-up.machine";
import type { SendSecurityCodeInput } from "./step-up.inputs";
import { SecurityCodeSent, type SendSecurityCodeResult, type StepUpRejected } from "./step-up.results";
import { stepUpRejections } from "./step-up.rejections";
import { change, stepUpLimits } from "./verify-step-up.flow";

/**
 * Sends a new code for a pending sign-in or recovery challenge to the contact on file (never an
 * address the client gives), in place of any previous code:
 *   not SMS_CODE/EMAIL_CODE, or no such contact on file  → METHOD_UNAVAILABLE
 *   unknown, expired or completed challenge               → CHALLENGE_EXPIRED (void: TOO_MANY_ATTEMPTS)
 *   online access locked (for a recovery challenge: its wrong codes used up; decision 0012) → ACCOUNT_LOCKED
 *   within 30 s of this challenge's previous code, or the person's SECURITY_CODE_MAX_SENDS codes
 *   within SECURITY_CODE_TTL_SECONDS already sent, across all their challenges → RESEND_TOO_SOON
 * A new code changes no count of tries.
 */
export async function sendSecurityCode(context: IdentityContext, input: SendSecurityCodeInput): Promise<typeof SendSecurityCodeResult> {
  const { services, loaders } = context;
  const { settings } = services;
  if (!isCodeMethod(input.method)) return stepUpRejections.methodUnavailable("Security codes are sent by SMS_CODE or EMAIL_CODE.");

  // Looked at first (with a stand-in code), so that a challenge that would refuse the code uses up nothing.
  const challenge = await services.stepUpChallenges.find(input.challengeId);
  const preview = decide(challenge, { type: "sendCode", method: input.method, codeHash: "", codeExpiresAt: 0 }, Date.now(), stepUpLimits(context));
  if (preview.outcome.outcome !== "codeSent" || !challenge) return rejectionOf(preview.outcome);
  if ((await challengeLock(services.lockout, challenge)).locked) return stepUpRejections.accountLocked(settings);

  const contact = await loaders.customerContact.load(challenge.customerId);
  const to = input.method === StepUpMethod.SMS_CODE ? contact?.mobilePhone : contact?.email;
  if (!to) return stepUpRejections.methodUnavailable();

  const send = await services.codeSends.take(challenge.subject);
  if (!send.taken) {
    services.logger.warn("security code refused: too many sent to this person", { userId: challenge.userId });
    return stepUpRejections.tooManyCodes(send.retryAfterSeconds);
  }
  const code = newSecurityCode();
  const expiresAt = Date.now() + settings.securityCodeTtlSeconds * 1000;
  const codeHash = securityCodeHash(settings.lookupHmacKey, challenge.id, code);
  const stored = await change(context, challenge.id, { type: "sendCode", method: input.method, codeHash, codeExpiresAt: expiresAt }).catch(async (error) => {
    await services.codeSends.giveBack(challenge.subject);
    throw error;
  });
  if (stored.outcome !== "codeSent") {
    await services.codeSends.giveBack(challenge.subject);
    return rejectionOf(stored);
  }

  try {
    await services.notifier.send({
      channel: input.method === StepUpMethod.SMS_CODE ? "SMS" : "EMAIL",
      to,
      body: securityCodeText(code, settings.securityCodeTtlSeconds),
    });
  } catch (error) {
    services.logger.error("security code not sent", { userId: challenge.userId, ...describeError(error) });
    await services.codeSends.giveBack(challenge.subject);
    throw serviceUnavailable();
  }
  services.logger.info("security code sent", { userId: challenge.userId, method: input.method });
  return Object.assign(new SecurityCodeSent(), {
    destination: input.method === StepUpMethod.SMS_CODE ? maskPhone(to) : maskEmail(to),
    expiresAt: new Date(expiresAt),
    resendAfterSeconds: RESEND_AFTER_SECONDS,
  });
}

function rejectionOf(outcome: StepUpOutcome): StepUpRejected {
  switch (outcome.outcome) {
    case "resendTooSoon":
      return stepUpRejections.resendTooSoon(outcome.retryAfterSeconds);
    case "methodUnavailable":
      return stepUpRejections.methodUnavailable();
    case "void":
      return stepUpRejections.tooManyAttempts();
    default:
      return stepUpRejections.challengeExpired();
  }
}
