import { describeError, serviceUnavailable } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { maskEmail, maskPhone } from "../../masking/contact-masking";
import { securityCodeText } from "../../modules/notice/message-texts";
import { newSecurityCode, securityCodeHash } from "../../modules/step-up/security-code";
import { RESEND_AFTER_SECONDS } from "../../modules/step-up/step-up-challenge.store";
import { isCodeMethod, StepUpMethod } from "../../modules/step-up/step-up-method";
import type { SendSecurityCodeInput } from "./step-up.inputs";
import { SecurityCodeSent, type SendSecurityCodeResult } from "./step-up.results";
import { stepUpRejections } from "./step-up.rejections";

/**
 * Sends a new code for a pending challenge to the contact on file (never an address the client
 * gives), in place of any previous code:
 *   not SMS_CODE/EMAIL_CODE, or no such contact on file → METHOD_UNAVAILABLE
 *   unknown, expired or completed challenge              → CHALLENGE_EXPIRED (void: TOO_MANY_ATTEMPTS)
 *   online access locked                                 → ACCOUNT_LOCKED
 *   within 30 s of the previous code                     → RESEND_TOO_SOON
 * A new code changes no count of tries.
 */
export async function sendSecurityCode(context: IdentityContext, input: SendSecurityCodeInput): Promise<typeof SendSecurityCodeResult> {
  const { services, loaders } = context;
  const { settings } = services;
  if (!isCodeMethod(input.method)) return stepUpRejections.methodUnavailable("Security codes are sent by SMS_CODE or EMAIL_CODE.");

  const challenge = await services.stepUpChallenges.find(input.challengeId);
  if (!challenge || challenge.status === "completed") return stepUpRejections.challengeExpired();
  if (challenge.status === "void") return stepUpRejections.tooManyAttempts();
  if (!challenge.methods.some((offer) => offer.method === input.method)) return stepUpRejections.methodUnavailable();
  if ((await services.lockout.check(challenge.subject)).locked) return stepUpRejections.accountLocked(settings);

  const contact = await loaders.customerContact.load(challenge.customerId);
  const to = input.method === StepUpMethod.SMS_CODE ? contact?.mobilePhone : contact?.email;
  if (!to) return stepUpRejections.methodUnavailable();

  const code = newSecurityCode();
  const now = Date.now();
  const expiresAt = new Date(now + settings.securityCodeTtlSeconds * 1000);
  const stored = await services.stepUpChallenges.storeCode(challenge.id, securityCodeHash(settings.lookupHmacKey, challenge.id, code), expiresAt, now);
  if (stored.outcome === "too_soon") return stepUpRejections.resendTooSoon(stored.retryAfterSeconds);
  if (stored.outcome === "void") return stepUpRejections.tooManyAttempts();
  if (stored.outcome === "expired") return stepUpRejections.challengeExpired();

  try {
    await services.notifier.send({
      channel: input.method === StepUpMethod.SMS_CODE ? "SMS" : "EMAIL",
      to,
      body: securityCodeText(code, settings.securityCodeTtlSeconds),
    });
  } catch (error) {
    services.logger.error("security code not sent", { userId: challenge.userId, ...describeError(error) });
    throw serviceUnavailable();
  }
  services.logger.info("security code sent", { userId: challenge.userId, method: input.method });
  return Object.assign(new SecurityCodeSent(), {
    destination: input.method === StepUpMethod.SMS_CODE ? maskPhone(to) : maskEmail(to),
    expiresAt,
    resendAfterSeconds: RESEND_AFTER_SECONDS,
  });
}
