import { badUserInput, DEVICE_NAME_RULE, normaliseDeviceName } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { registerDevice } from "../../modules/device/device-trust.calls";
import { Device } from "../../modules/device/device.type";
import { sendLockNotice } from "../../modules/lockout/lock-notice";
import { notifyContactsOnFile, notifyInBackground } from "../../modules/notice/contact-delivery";
import { newDeviceText } from "../../modules/notice/message-texts";
import { openSession } from "../../modules/session/open-session";
import { normaliseSubmittedCode, sameCodeHash, securityCodeHash } from "../../modules/step-up/security-code";
import type { StoredChallenge, TryOutcome } from "../../modules/step-up/step-up-challenge.store";
import { isCodeMethod } from "../../modules/step-up/step-up-method";
import { answersMatch } from "./step-up-answers";
import type { RememberDeviceInput, VerifyStepUpInput } from "./step-up.inputs";
import { RegisteredDevice, StepUpSucceeded, type VerifyStepUpResult } from "./step-up.results";
import { stepUpRejections } from "./step-up.rejections";

/** A code or a set of answers, once tried: `failed` when it counts toward the lock. */
type Attempt = TryOutcome & { failed: boolean };

/**
 * Completes a step-up challenge with its code or the answers to its two questions:
 *   rememberDevice.name empty or over 64 characters → BAD_USER_INPUT error (nothing used up)
 *   not exactly one of code and answers            → METHOD_UNAVAILABLE (nothing used up)
 *   unknown / expired / completed challenge        → CHALLENGE_EXPIRED (the used code again: CODE_EXPIRED)
 *   void challenge                                 → TOO_MANY_ATTEMPTS
 *   online access locked                           → ACCOUNT_LOCKED
 *   wrong code or answers                          → INVALID_CODE / INVALID_ANSWERS, one try of the
 *                                                    challenge and one failure toward the lock used up
 *                                                    (the challenge's last try: TOO_MANY_ATTEMPTS;
 *                                                    a try that sets the lock still answers what it
 *                                                    was: the lock applies from the next try on)
 *   every try left already being checked           → TOO_MANY_ATTEMPTS (parallel requests only)
 *   right                                          → StepUpSucceeded, once; failures reset
 */
export async function verifyStepUp(context: IdentityContext, input: VerifyStepUpInput): Promise<typeof VerifyStepUpResult> {
  const { services } = context;
  const { settings, lockout, stepUpChallenges } = services;
  const deviceName = input.rememberDevice ? validDeviceName(input.rememberDevice) : null;

  const code = input.code ?? null;
  const answers = input.answers ?? null;
  if ((code === null) === (answers === null)) {
    return stepUpRejections.methodUnavailable("Give exactly one of the security code and the answers to both questions.");
  }

  const challenge = await stepUpChallenges.find(input.challengeId);
  if (!challenge) return stepUpRejections.challengeExpired();
  const codeHash = code === null ? null : securityCodeHash(settings.lookupHmacKey, challenge.id, normaliseSubmittedCode(code));
  if (challenge.status === "void") return stepUpRejections.tooManyAttempts();
  if (challenge.status === "completed") {
    return codeHash !== null && sameCodeHash(codeHash, challenge.codeHash) ? stepUpRejections.codeExpired() : stepUpRejections.challengeExpired();
  }
  if (codeHash !== null && !challenge.methods.some((offer) => isCodeMethod(offer.method))) {
    return stepUpRejections.methodUnavailable("No security code can be sent for this sign-in; answer the questions instead.");
  }

  if ((await lockout.check(challenge.subject)).locked) return stepUpRejections.accountLocked(settings);

  // No lockout slot is reserved here (unlike a password): each try is checked and counted by an
  // atomic script bounded by the challenge's own tries, so parallel right codes never lock.
  const attempt = codeHash !== null ? await tryCode(context, challenge, codeHash) : await tryAnswers(context, challenge, answers ?? []);
  if (attempt.outcome === "completed") {
    await lockout.reset(challenge.subject);
    return signInAfterStepUp(context, challenge, input.rememberDevice && deviceName ? { ...input.rememberDevice, name: deviceName } : null);
  }
  if (!attempt.failed) {
    if (attempt.outcome === "code_expired") return stepUpRejections.codeExpired();
    if (attempt.outcome === "void" || attempt.outcome === "busy") return stepUpRejections.tooManyAttempts();
    return stepUpRejections.challengeExpired();
  }

  const lock = await lockout.countFailure(challenge.subject);
  const lockedNow = lock.locked && lock.justLocked;
  if (lockedNow) sendLockNotice(context, challenge.customerId);
  services.logger.info("step-up try failed", { userId: challenge.userId, locked: lock.locked });
  // The try that voids the challenge says so, even when it also locks online access.
  if (attempt.outcome === "voided" || attempt.outcome === "void") return stepUpRejections.tooManyAttempts();
  if (attempt.outcome === "invalid") {
    return codeHash !== null ? stepUpRejections.invalidCode(attempt.triesLeft) : stepUpRejections.invalidAnswers(attempt.triesLeft);
  }
  return stepUpRejections.challengeExpired();
}

function validDeviceName(rememberDevice: RememberDeviceInput): string {
  const name = normaliseDeviceName(rememberDevice.name);
  if (!name) throw badUserInput(`rememberDevice.name must be ${DEVICE_NAME_RULE}.`);
  return name;
}

async function tryCode(context: IdentityContext, challenge: StoredChallenge, codeHash: string): Promise<Attempt> {
  const outcome = await context.services.stepUpChallenges.tryCode(challenge.id, codeHash);
  return { ...outcome, failed: outcome.outcome === "invalid" || outcome.outcome === "voided" };
}

// The try is taken before the (slow) hash checks, so parallel requests never get more checks.
async function tryAnswers(
  context: IdentityContext,
  challenge: StoredChallenge,
  answers: NonNullable<VerifyStepUpInput["answers"]>,
): Promise<Attempt> {
  const store = context.services.stepUpChallenges;
  const reserved = await store.reserveAnswerTry(challenge.id);
  if (reserved.outcome !== "reserved") return { ...reserved, failed: false };
  if (await answersMatch(context, challenge, answers)) return { ...(await store.completeWithAnswers(challenge.id)), failed: false };
  return { ...(await store.failAnswers(challenge.id)), failed: true };
}

/** Registers the device when asked, then opens the session: the end of a successful step-up. */
async function signInAfterStepUp(
  context: IdentityContext,
  challenge: StoredChallenge,
  rememberDevice: RememberDeviceInput | null,
): Promise<StepUpSucceeded> {
  const { services, loaders } = context;
  let registeredDevice: RegisteredDevice | null = null;
  if (rememberDevice) {
    try {
      const registration = await registerDevice(services.deviceTrust, challenge.userId, rememberDevice.name, rememberDevice.platform);
      registeredDevice = Object.assign(new RegisteredDevice(), {
        deviceToken: registration.deviceToken,
        device: Object.assign(new Device(), { ...registration.device, current: true }),
      });
    } catch (error) {
      // Nothing was signed in: the person may finish the same challenge again.
      await services.stepUpChallenges.reopen(challenge.id);
      throw error;
    }
  }
  const session = await openSession(services.sessions, {
    userId: challenge.userId,
    customerId: challenge.customerId,
    deviceId: registeredDevice?.device.id ?? null,
  });
  services.logger.info("signed in after step-up", { userId: challenge.userId, deviceRegistered: registeredDevice !== null });
  if (registeredDevice) {
    const platform = registeredDevice.device.platform;
    notifyInBackground(services.logger, "new device", async () => {
      const contact = await loaders.customerContact.load(challenge.customerId);
      if (contact) await notifyContactsOnFile(services.notifier, contact, newDeviceText(platform, services.settings.supportPhone));
    });
  }
  return Object.assign(new StepUpSucceeded(), { session, registeredDevice });
}
