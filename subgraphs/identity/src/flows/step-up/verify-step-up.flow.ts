import {
  type AttemptGuard,
  badUserInput,
  clientPlace,
  DEVICE_NAME_RULE,
  type HeldPlaces,
  type Logger,
  normaliseDeviceName,
  reservePlaces,
  serviceUnavailable,
  type SessionHandover,
  type SessionStore,
} from "@oa/platform";
import type { DevicePlatform } from "../../modules/device/device-platform";
import type { DeviceTrustCalls } from "../../modules/device/device-trust.calls";
import type { LoginLockout } from "../../modules/lockout/login-lockout";
import type { PersonNotices } from "../../modules/notice/person-notices";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import type { SecurityEvents } from "../../modules/security-event/security-events";
import type { GivenAnswer } from "../../modules/security-question/security-answers-rule";
import { openSession } from "../../modules/session/open-session";
import { SessionDelivery } from "../../modules/session/session-delivery";
import type { StoredChallenge } from "../../modules/step-up/challenge-state";
import type { ChallengeSteps } from "./challenge-steps";
import { codeStrategy } from "./strategies/code.strategy";
import { questionsStrategy, type StoredAnswers } from "./strategies/questions.strategy";
import type { StepUpStrategy } from "./strategies/step-up-strategy";
import type { StepUpEvent, StepUpOutcome } from "./step-up.machine";
import { type RegisteredDeviceView, type StepUpRefusal, stepUpRefusals, type VerifyStepUpOutcome } from "./step-up.outcome";

/** What verifying a step-up uses, and nothing else. */
export interface VerifyStepUpDeps {
  challenges: ChallengeSteps;
  /** LOOKUP_HMAC_KEY: a code is hashed with its challenge's id. */
  lookupHmacKey: Buffer;
  /** The request's loader of a login's answer hashes, for the questions. */
  storedAnswers: StoredAnswers;
  /** The person's one budget, shared with their passwords and every other challenge. */
  lockout: LoginLockout;
  clientAttempts: AttemptGuard;
  deviceTrust: Pick<DeviceTrustCalls, "registerDevice">;
  securityEvents: Pick<SecurityEvents, "record">;
  notices: Pick<PersonNotices, "accessLocked" | "newDevice">;
  sessions: SessionStore;
  logger: Logger;
  supportPhone: string;
}

/** The request's facts a step-up needs. */
export interface StepUpRequest {
  clientAddress: string | null;
  /** Where a COOKIE session's token and a registered device's token go to the gateway. */
  handover: SessionHandover;
}

/** A device to register: as asked (RememberDeviceInput). */
export interface DeviceToRemember {
  name: string;
  platform: DevicePlatform;
}

/** What a step-up is completed with (VerifyStepUpInput). */
export interface StepUpProof {
  challengeId: string;
  code?: string | null;
  answers?: GivenAnswer[] | null;
  rememberDevice?: DeviceToRemember | null;
  sessionDelivery?: SessionDelivery | null;
}

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
 *   right                                          → signedIn, once; the person's failures reset
 * Before any proof is checked, a place is reserved on the client's budget, on the person's one
 * lockout budget (shared with passwords and with every other challenge of theirs) and on the
 * challenge's tries: no mix of parallel requests, challenges and methods gets more checks than
 * LOCKOUT_MAX_FAILURES.
 */
export async function verifyStepUp(deps: VerifyStepUpDeps, request: StepUpRequest, input: StepUpProof): Promise<VerifyStepUpOutcome> {
  const rememberDevice = input.rememberDevice ? { ...input.rememberDevice, name: validDeviceName(input.rememberDevice) } : null;
  const code = input.code ?? null;
  const answers = input.answers ?? null;
  if ((code === null) === (answers === null)) return stepUpRefusals.methodUnavailable("stepUp.oneProof");
  const strategy = code !== null ? codeStrategy(deps.lookupHmacKey, input.challengeId, code) : questionsStrategy(deps.storedAnswers, answers ?? []);
  const takeTry: StepUpEvent = { type: "takeTry", proof: strategy.kind, codeHash: strategy.codeHash, purpose: "signIn" };

  // Looked at first, so that a challenge that cannot take a try uses up nothing.
  const challenge = await deps.challenges.find(input.challengeId);
  const preview = deps.challenges.preview(challenge, takeTry);
  // Busy is no refusal yet: the try waits its turn once its places are taken.
  if ((preview.outcome !== "tryTaken" && preview.outcome !== "busy") || !challenge) return refusalOf(preview, strategy, deps);

  const reservation = await reservePlaces([...clientPlace(deps.clientAttempts, request.clientAddress), { name: "person", guard: deps.lockout, subject: challenge.subject }]);
  if ("refused" in reservation) {
    const { name, state } = reservation.refused;
    return name === "person" && state.locked ? stepUpRefusals.accountLocked(deps.supportPhone) : stepUpRefusals.tooManyAttempts();
  }
  const { held } = reservation;
  try {
    const taken = await deps.challenges.takeTry(challenge.id, takeTry);
    if (taken.outcome !== "tryTaken") return refusalOf(taken, strategy, deps);
    const settled = await deps.challenges.settle(challenge, strategy);
    if (settled.outcome === "completed") {
      await held.succeeded();
      return await signInAfterStepUp(deps, request, challenge, rememberDevice, input.sessionDelivery ?? SessionDelivery.BEARER);
    }
    if (settled.outcome === "invalid" || settled.outcome === "voided") await countFailure(deps, request, challenge, held);
    return refusalOf(settled, strategy, deps);
  } finally {
    await held.released();
  }
}

async function countFailure(deps: VerifyStepUpDeps, request: StepUpRequest, challenge: StoredChallenge, held: HeldPlaces): Promise<void> {
  const states = await held.failed();
  const person = states.find((place) => place.name === "person")?.state;
  const justLocked = person?.locked === true && person.justLocked;
  const origin = { userId: challenge.userId, clientAddress: request.clientAddress };
  await deps.securityEvents.record([{ ...origin, kind: SecurityEventKind.STEP_UP_FAILED }, ...(justLocked ? [{ ...origin, kind: SecurityEventKind.ACCOUNT_LOCKED }] : [])]);
  if (justLocked) deps.notices.accessLocked(challenge.customerId);
  deps.logger.info("step-up try failed", { userId: challenge.userId, locked: person?.locked ?? false });
}

/** The answer to every outcome but a completion. */
function refusalOf(outcome: StepUpOutcome, strategy: StepUpStrategy, deps: VerifyStepUpDeps): StepUpRefusal {
  switch (outcome.outcome) {
    case "invalid":
      return strategy.wrong(outcome.triesLeft);
    case "codeExpired":
      return stepUpRefusals.codeExpired();
    case "methodUnavailable":
      return stepUpRefusals.methodUnavailable(strategy.kind === "code" ? "stepUp.noCodeOffered" : "stepUp.noQuestionsOffered");
    case "voided":
    case "void":
    case "busy":
      return stepUpRefusals.tooManyAttempts();
    case "resendTooSoon":
      return stepUpRefusals.resendTooSoon(outcome.retryAfterSeconds);
    default:
      deps.logger.debug("step-up try ended", { outcome: outcome.outcome });
      return stepUpRefusals.challengeExpired();
  }
}

function validDeviceName(rememberDevice: DeviceToRemember): string {
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
  deps: VerifyStepUpDeps,
  request: StepUpRequest,
  challenge: StoredChallenge,
  rememberDevice: DeviceToRemember | null,
  delivery: SessionDelivery,
): Promise<VerifyStepUpOutcome> {
  let registeredDevice: RegisteredDeviceView | null = null;
  if (rememberDevice) {
    try {
      registeredDevice = await deps.deviceTrust.registerDevice(challenge.userId, rememberDevice.name, rememberDevice.platform);
    } catch (error) {
      // Nothing was signed in: the person may finish the same challenge again.
      await deps.challenges.change(challenge.id, { type: "reopen" });
      throw error;
    }
  }
  const device = registeredDevice ? { deviceId: registeredDevice.device.id, deviceName: registeredDevice.device.name } : {};
  const origin = { userId: challenge.userId, clientAddress: request.clientAddress, ...device };
  // Recorded before the session exists: no sign-in goes unrecorded.
  await deps.securityEvents.record([...(registeredDevice ? [{ ...origin, kind: SecurityEventKind.DEVICE_REGISTERED }] : []), { ...origin, kind: SecurityEventKind.SIGNED_IN }]);
  const session = await openSession(deps.sessions, request.handover, {
    userId: challenge.userId,
    customerId: challenge.customerId,
    deviceId: registeredDevice?.device.id ?? null,
    delivery,
  });
  // Only when the device just registered was removed already, from another session.
  if (!session) throw serviceUnavailable();
  if (registeredDevice && delivery === SessionDelivery.COOKIE) {
    request.handover.device = { deviceToken: registeredDevice.deviceToken! };
    registeredDevice.deviceToken = null;
  }
  deps.logger.info("signed in after step-up", { userId: challenge.userId, deviceRegistered: registeredDevice !== null });
  if (registeredDevice) deps.notices.newDevice(challenge.customerId, registeredDevice.device.platform);
  return { kind: "signedIn", session, registeredDevice };
}
