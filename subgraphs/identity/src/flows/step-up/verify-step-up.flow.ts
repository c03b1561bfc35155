import { badUserInput, clientPlace, DEVICE_NAME_RULE, type HeldPlaces, normaliseDeviceName, reservePlaces, serviceUnavailable } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { registerDevice } from "../../modules/device/device-trust.calls";
import { Device } from "../../modules/device/device.type";
import { sendLockNotice } from "../../modules/lockout/lock-notice";
import { notifyContactsOnFile, notifyInBackground } from "../../modules/notice/contact-delivery";
import { newDeviceText } from "../../modules/notice/message-texts";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import { openSession } from "../../modules/session/open-session";
import { SessionDelivery } from "../../modules/session/session-delivery";
import type { StoredChallenge } from "../../modules/step-up/challenge-state";
import { RESEND_AFTER_SECONDS } from "../../modules/step-up/step-up-challenge.store";
import { codeStrategy } from "./strategies/code.strategy";
import { questionsStrategy } from "./strategies/questions.strategy";
import type { StepUpStrategy } from "./strategies/step-up-strategy";
import { decide, type StepUpEvent, type StepUpLimits, type StepUpOutcome } from "./step-up.machine";
import type { RememberDeviceInput, VerifyStepUpInput } from "./step-up.inputs";
import { RegisteredDevice, type StepUpRejected, StepUpSucceeded, type VerifyStepUpResult } from "./step-up.results";
import { stepUpRejections } from "./step-up.rejections";

/**
 * Completes a step-up challenge with its code or the answers to its two questions:
 *   rememberDevice.name empty or over 64 characters → BAD_USER_INPUT error (nothing used up)
 *   not exactly one of code and answers            → METHOD_UNAVAILABLE (nothing used up)
 *   unknown / expired / completed challenge        → CHALLENGE_EXPIRED (the used code again: CODE_EXPIRED)
 *   void challenge                                 → TOO_MANY_ATTEMPTS
 *   the client address past CLIENT_MAX_FAILURES    → TOO_MANY_ATTEMPTS
 *   online access locked                           → ACCOUNT_LOCKED
 *   every try left already being checked           → TOO_MANY_ATTEMPTS (parallel requests only)
 *   wrong code or answers                          → INVALID_CODE / INVALID_ANSWERS, one try of the
 *                                                    challenge and one failure of the person's and the
 *                                                    client's budgets used up (the challenge's last try:
 *                                                    TOO_MANY_ATTEMPTS; the try that sets the lock still
 *                                                    answers what it was, the lock applies from the next)
 *   right                                          → StepUpSucceeded, once; the person's failures reset
 * Before any proof is checked, a place is reserved on the client's budget, on the person's one
 * lockout budget (shared with passwords and with every other challenge of theirs) and on the
 * challenge's tries: no mix of parallel requests, challenges and methods gets more checks than
 * LOCKOUT_MAX_FAILURES.
 */
export async function verifyStepUp(context: IdentityContext, input: VerifyStepUpInput): Promise<typeof VerifyStepUpResult> {
  const { services } = context;
  const rememberDevice = input.rememberDevice ? { ...input.rememberDevice, name: validDeviceName(input.rememberDevice) } : null;
  const code = input.code ?? null;
  const answers = input.answers ?? null;
  if ((code === null) === (answers === null)) {
    return stepUpRejections.methodUnavailable("Give exactly one of the security code and the answers to both questions.");
  }
  const strategy = code !== null ? codeStrategy(services.settings.lookupHmacKey, input.challengeId, code) : questionsStrategy(context, answers ?? []);
  const takeTry: StepUpEvent = { type: "takeTry", proof: strategy.kind, codeHash: strategy.codeHash, purpose: "signIn" };

  // Looked at first, so that a challenge that cannot take a try uses up nothing.
  const challenge = await services.stepUpChallenges.find(input.challengeId);
  const preview = decide(challenge, takeTry, Date.now(), stepUpLimits(context)).outcome;
  if (preview.outcome !== "tryTaken" || !challenge) return rejectionOf(preview, strategy, context);

  const reservation = await reservePlaces([
    ...clientPlace(services.clientAttempts, context.credential.clientIp),
    { name: "person", guard: services.lockout, subject: challenge.subject },
  ]);
  if ("refused" in reservation) {
    const { name, state } = reservation.refused;
    return name === "person" && state.locked ? stepUpRejections.accountLocked(services.settings) : stepUpRejections.tooManyAttempts();
  }
  const { held } = reservation;
  try {
    const taken = await change(context, challenge.id, takeTry);
    if (taken.outcome !== "tryTaken") return rejectionOf(taken, strategy, context);
    const settled = await settleTry(context, challenge, strategy);
    if (settled.outcome === "completed") {
      await held.succeeded();
      return await signInAfterStepUp(context, challenge, rememberDevice, input.sessionDelivery ?? SessionDelivery.BEARER);
    }
    if (settled.outcome === "invalid" || settled.outcome === "voided") await countFailure(context, challenge, held);
    return rejectionOf(settled, strategy, context);
  } finally {
    await held.released();
  }
}

export function stepUpLimits(context: IdentityContext): StepUpLimits {
  return { maxAttempts: context.services.settings.stepUpMaxAttempts, resendAfterMs: RESEND_AFTER_SECONDS * 1000 };
}

/** Decides `event` on the stored challenge and writes the decision atomically. */
export function change(context: IdentityContext, challengeId: string, event: StepUpEvent): Promise<StepUpOutcome> {
  return context.services.stepUpChallenges.change(challengeId, (stored) => decide(stored, event, Date.now(), stepUpLimits(context)));
}

/** Checks the taken try's proof and settles it; a check that fails to run gives the try back. */
export async function settleTry(context: IdentityContext, challenge: StoredChallenge, strategy: StepUpStrategy): Promise<StepUpOutcome> {
  let proof;
  try {
    proof = await strategy.check(challenge);
  } catch (error) {
    await change(context, challenge.id, { type: "abandon" }).catch(() => undefined);
    throw error;
  }
  return change(context, challenge.id, { type: "settle", proof });
}

async function countFailure(context: IdentityContext, challenge: StoredChallenge, held: HeldPlaces): Promise<void> {
  const states = await held.failed();
  const person = states.find((place) => place.name === "person")?.state;
  const justLocked = person?.locked === true && person.justLocked;
  const origin = { userId: challenge.userId, clientAddress: context.credential.clientIp };
  await context.services.securityEvents.record([
    { ...origin, kind: SecurityEventKind.STEP_UP_FAILED },
    ...(justLocked ? [{ ...origin, kind: SecurityEventKind.ACCOUNT_LOCKED }] : []),
  ]);
  if (justLocked) sendLockNotice(context, challenge.customerId);
  context.services.logger.info("step-up try failed", { userId: challenge.userId, locked: person?.locked ?? false });
}

/** The answer to every outcome but a completion. */
function rejectionOf(outcome: StepUpOutcome, strategy: StepUpStrategy, context: IdentityContext): StepUpRejected {
  switch (outcome.outcome) {
    case "invalid":
      return strategy.wrong(outcome.triesLeft);
    case "codeExpired":
      return stepUpRejections.codeExpired();
    case "methodUnavailable":
      return strategy.kind === "code"
        ? stepUpRejections.methodUnavailable("No security code can be sent for this sign-in; answer the questions instead.")
        : stepUpRejections.methodUnavailable("This verification offers no security questions; use a security code instead.");
    case "voided":
    case "void":
    case "busy":
      return stepUpRejections.tooManyAttempts();
    case "resendTooSoon":
      return stepUpRejections.resendTooSoon(outcome.retryAfterSeconds);
    default:
      context.services.logger.debug("step-up try ended", { outcome: outcome.outcome });
      return stepUpRejections.challengeExpired();
  }
}

function validDeviceName(rememberDevice: RememberDeviceInput): string {
  const name = normaliseDeviceName(rememberDevice.name);
  if (!name) throw badUserInput(`rememberDevice.name must be ${DEVICE_NAME_RULE}.`);
  return name;
}

/**
 * Registers the device when asked, then opens the session: the end of a successful step-up. With
 * COOKIE delivery the gateway gets the session's token and the registered device's token (it keeps
 * both in HttpOnly cookies) and the answer carries neither; with BEARER, a session on the device
 * just registered gets a refresh token when the answer asks for one.
 */
async function signInAfterStepUp(
  context: IdentityContext,
  challenge: StoredChallenge,
  rememberDevice: RememberDeviceInput | null,
  delivery: SessionDelivery,
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
      await change(context, challenge.id, { type: "reopen" });
      throw error;
    }
  }
  const device = registeredDevice ? { deviceId: registeredDevice.device.id, deviceName: registeredDevice.device.name } : {};
  const origin = { userId: challenge.userId, clientAddress: context.credential.clientIp, ...device };
  // Recorded before the session exists: no sign-in goes unrecorded.
  await services.securityEvents.record([
    ...(registeredDevice ? [{ ...origin, kind: SecurityEventKind.DEVICE_REGISTERED }] : []),
    { ...origin, kind: SecurityEventKind.SIGNED_IN },
  ]);
  const session = await openSession(services.sessions, context.handover, {
    userId: challenge.userId,
    customerId: challenge.customerId,
    deviceId: registeredDevice?.device.id ?? null,
    delivery,
  });
  // Only when the device just registered was removed already, from another session.
  if (!session) throw serviceUnavailable();
  if (registeredDevice && delivery === SessionDelivery.COOKIE) {
    context.handover.device = { deviceToken: registeredDevice.deviceToken! };
    registeredDevice.deviceToken = null;
  }
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
