import type { Settings } from "@oa/platform";
import { describeDuration } from "../../modules/notice/message-texts";
import { StepUpRejected, StepUpRejection } from "./step-up.results";

function rejected(code: StepUpRejection, message: string, attemptsRemaining: number | null = null): StepUpRejected {
  return Object.assign(new StepUpRejected(), { code, message, attemptsRemaining });
}

function triesLeft(count: number): string {
  return `You have ${count} ${count === 1 ? "try" : "tries"} left.`;
}

function roundedUpToMinutes(seconds: number): number {
  return seconds > 60 ? Math.ceil(seconds / 60) * 60 : seconds;
}

// One function per rejection, each with the words the person sees.
export const stepUpRejections = {
  invalidCode: (attemptsRemaining: number) =>
    rejected(StepUpRejection.INVALID_CODE, `That code is not right. ${triesLeft(attemptsRemaining)}`, attemptsRemaining),
  invalidAnswers: (attemptsRemaining: number) =>
    rejected(StepUpRejection.INVALID_ANSWERS, `Those answers do not match our records. ${triesLeft(attemptsRemaining)}`, attemptsRemaining),
  codeExpired: () => rejected(StepUpRejection.CODE_EXPIRED, "That code has expired or was already used. Ask for a new code."),
  challengeExpired: () => rejected(StepUpRejection.CHALLENGE_EXPIRED, "This verification has expired or is finished. Please sign in again."),
  tooManyAttempts: () =>
    rejected(StepUpRejection.TOO_MANY_ATTEMPTS, "Too many unsuccessful tries. Please sign in again to start a new verification.", 0),
  accountLocked: (settings: Settings) =>
    rejected(
      StepUpRejection.ACCOUNT_LOCKED,
      `Online access is locked for your security after too many unsuccessful attempts. Call us at ${settings.supportPhone}.`,
    ),
  resendTooSoon: (retryAfterSeconds: number) =>
    rejected(StepUpRejection.RESEND_TOO_SOON, `A code was just sent. You can ask for another in ${describeDuration(retryAfterSeconds)}.`),
  tooManyCodes: (retryAfterSeconds: number) =>
    rejected(
      StepUpRejection.RESEND_TOO_SOON,
      `Several codes were sent to you just now. You can ask for another in ${describeDuration(roundedUpToMinutes(retryAfterSeconds))}.`,
    ),
  methodUnavailable: (message = "That verification method is not available.") => rejected(StepUpRejection.METHOD_UNAVAILABLE, message),
};
