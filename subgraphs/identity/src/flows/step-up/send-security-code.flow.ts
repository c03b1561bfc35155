import { describeError, type Logger, type Notifier, serviceUnavailable } from "@oa/platform";
import type DataLoader from "dataloader";
import { maskEmail, maskPhone } from "../../masking/contact-masking";
import type { CustomerContact } from "../../modules/customer/customer-contact.loader";
import { challengeLock } from "../../modules/lockout/challenge-lock";
import type { LoginLockout } from "../../modules/lockout/login-lockout";
import { securityCodeText } from "../../modules/notice/message-texts";
import { newSecurityCode, securityCodeHash } from "../../modules/step-up/security-code";
import type { SecurityCodeSends } from "../../modules/step-up/security-code-sends";
import { RESEND_AFTER_SECONDS } from "../../modules/step-up/step-up-challenge.store";
import { isCodeMethod, StepUpMethod } from "../../modules/step-up/step-up-method";
import type { ChallengeSteps } from "./challenge-steps";
import type { StepUpOutcome } from "./step-up.machine";
import { type SendSecurityCodeOutcome, type StepUpRefusal, stepUpRefusals } from "./step-up.outcome";

/** What sending a security code uses, and nothing else. */
export interface SendSecurityCodeDeps {
  challenges: ChallengeSteps;
  /** Whether the challenge's lock holds (the sign-in lock, or for a recovery its own budget's). */
  lockout: LoginLockout;
  /** The request's loader of the contacts on file. */
  contacts: Pick<DataLoader<string, CustomerContact | null>, "load">;
  /** Codes sent per person, across all their challenges. */
  codeSends: Pick<SecurityCodeSends, "take" | "giveBack">;
  notifier: Notifier;
  logger: Logger;
  /** LOOKUP_HMAC_KEY: a code is stored as its hash, bound to its challenge. */
  lookupHmacKey: Buffer;
  /** SECURITY_CODE_TTL_SECONDS. */
  codeTtlSeconds: number;
  supportPhone: string;
}

/** What a code is asked for (SendSecurityCodeInput). */
export interface CodeRequest {
  challengeId: string;
  method: StepUpMethod;
}

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
export async function sendSecurityCode(deps: SendSecurityCodeDeps, input: CodeRequest): Promise<SendSecurityCodeOutcome> {
  if (!isCodeMethod(input.method)) return stepUpRefusals.methodUnavailable("stepUp.codeMethodsOnly");

  // Looked at first (with a stand-in code), so that a challenge that would refuse the code uses up nothing.
  const challenge = await deps.challenges.find(input.challengeId);
  const preview = deps.challenges.preview(challenge, { type: "sendCode", method: input.method, codeHash: "", codeExpiresAt: 0 });
  if (preview.outcome !== "codeSent" || !challenge) return refusalOf(preview);
  if ((await challengeLock(deps.lockout, challenge)).locked) return stepUpRefusals.accountLocked(deps.supportPhone);

  const contact = await deps.contacts.load(challenge.customerId);
  const to = input.method === StepUpMethod.SMS_CODE ? contact?.mobilePhone : contact?.email;
  if (!to) return stepUpRefusals.methodUnavailable();

  const send = await deps.codeSends.take(challenge.subject);
  if (!send.taken) {
    deps.logger.warn("security code refused: too many sent to this person", { userId: challenge.userId });
    return stepUpRefusals.tooManyCodes(send.retryAfterSeconds);
  }
  const code = newSecurityCode();
  const expiresAt = Date.now() + deps.codeTtlSeconds * 1000;
  const codeHash = securityCodeHash(deps.lookupHmacKey, challenge.id, code);
  const stored = await deps.challenges.change(challenge.id, { type: "sendCode", method: input.method, codeHash, codeExpiresAt: expiresAt }).catch(async (error) => {
    await deps.codeSends.giveBack(challenge.subject);
    throw error;
  });
  if (stored.outcome !== "codeSent") {
    await deps.codeSends.giveBack(challenge.subject);
    return refusalOf(stored);
  }

  try {
    await deps.notifier.send({
      channel: input.method === StepUpMethod.SMS_CODE ? "SMS" : "EMAIL",
      to,
      body: securityCodeText(code, deps.codeTtlSeconds),
    });
  } catch (error) {
    deps.logger.error("security code not sent", { userId: challenge.userId, ...describeError(error) });
    await deps.codeSends.giveBack(challenge.subject);
    throw serviceUnavailable();
  }
  deps.logger.info("security code sent", { userId: challenge.userId, method: input.method });
  return {
    kind: "codeSent",
    destination: input.method === StepUpMethod.SMS_CODE ? maskPhone(to) : maskEmail(to),
    expiresAt: new Date(expiresAt),
    resendAfterSeconds: RESEND_AFTER_SECONDS,
  };
}

function refusalOf(outcome: StepUpOutcome): StepUpRefusal {
  switch (outcome.outcome) {
    case "resendTooSoon":
      return stepUpRefusals.resendTooSoon(outcome.retryAfterSeconds);
    case "methodUnavailable":
      return stepUpRefusals.methodUnavailable();
    case "void":
      return stepUpRefusals.tooManyAttempts();
    default:
      return stepUpRefusals.challengeExpired();
  }
}
