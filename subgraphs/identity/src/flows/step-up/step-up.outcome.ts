import type { DeviceRegistration } from "../../modules/device/device-trust.calls";
import { type MessageId, say } from "../../modules/messages/messages";
import type { OpenedSession } from "../../modules/session/open-session";

export type StepUpRejectionCode =
  | "INVALID_CODE"
  | "INVALID_ANSWERS"
  | "CODE_EXPIRED"
  | "CHALLENGE_EXPIRED"
  | "TOO_MANY_ATTEMPTS"
  | "ACCOUNT_LOCKED"
  | "RESEND_TOO_SOON"
  | "METHOD_UNAVAILABLE";

/** A refused step-up try or code (and a refused recovery code): the contract's StepUpRejected. */
export interface StepUpRefusal {
  kind: "rejected";
  code: StepUpRejectionCode;
  message: string;
  /** Tries left on the challenge, where that applies. */
  attemptsRemaining: number | null;
}

/** The device a successful step-up registered: its token, null once it went to the gateway for its cookie. */
export interface RegisteredDeviceView {
  deviceToken: string | null;
  device: DeviceRegistration["device"];
}

/** How verifyStepUp ends: the contract's VerifyStepUpResult (mapped in step-up.resolver.ts). */
export type VerifyStepUpOutcome = { kind: "signedIn"; session: OpenedSession; registeredDevice: RegisteredDeviceView | null } | StepUpRefusal;

/** How sendSecurityCode ends: the contract's SendSecurityCodeResult. */
export type SendSecurityCodeOutcome = { kind: "codeSent"; destination: string; expiresAt: Date; resendAfterSeconds: number } | StepUpRefusal;

export function stepUpRefusal(code: StepUpRejectionCode, message: string, attemptsRemaining: number | null = null): StepUpRefusal {
  return { kind: "rejected", code, message, attemptsRemaining };
}

/** The words of a METHOD_UNAVAILABLE: which method is missing, or what the call got wrong. */
type MethodUnavailableMessage = Extract<
  MessageId,
  "stepUp.methodUnavailable" | "stepUp.codeMethodsOnly" | "stepUp.oneProof" | "stepUp.noCodeOffered" | "stepUp.noQuestionsOffered"
>;

// One function per refusal; the words are the catalog's.
export const stepUpRefusals = {
  invalidCode: (attemptsRemaining: number) => stepUpRefusal("INVALID_CODE", say("stepUp.invalidCode", { triesLeft: attemptsRemaining }), attemptsRemaining),
  invalidAnswers: (attemptsRemaining: number) => stepUpRefusal("INVALID_ANSWERS", say("stepUp.invalidAnswers", { triesLeft: attemptsRemaining }), attemptsRemaining),
  codeExpired: () => stepUpRefusal("CODE_EXPIRED", say("stepUp.codeExpired")),
  challengeExpired: () => stepUpRefusal("CHALLENGE_EXPIRED", say("stepUp.challengeExpired")),
  tooManyAttempts: () => stepUpRefusal("TOO_MANY_ATTEMPTS", say("stepUp.tooManyAttempts"), 0),
  accountLocked: (supportPhone: string) => stepUpRefusal("ACCOUNT_LOCKED", say("stepUp.accountLocked", { supportPhone })),
  resendTooSoon: (retryAfterSeconds: number) => stepUpRefusal("RESEND_TOO_SOON", say("stepUp.resendTooSoon", { retryAfterSeconds })),
  tooManyCodes: (retryAfterSeconds: number) => stepUpRefusal("RESEND_TOO_SOON", say("stepUp.tooManyCodes", { retryAfterSeconds })),
  methodUnavailable: (message: MethodUnavailableMessage = "stepUp.methodUnavailable") => stepUpRefusal("METHOD_UNAVAILABLE", say(message)),
};
