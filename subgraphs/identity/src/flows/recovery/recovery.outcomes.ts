import type { Settings } from "@oa/platform";
import { describeDuration } from "../../modules/notice/message-texts";
import type { StepUpChallenge } from "../../modules/step-up/step-up-challenge.type";
import type { CredentialRejection } from "../credentials/credential-change.outcomes";
import { StepUpRejected, StepUpRejection } from "../step-up/step-up.results";
import { stepUpRejections } from "../step-up/step-up.rejections";
import { RecoveryRejection } from "./recovery.results";

/** How startRecovery ends: each member is an answer the client must handle. */
export type StartRecoveryOutcome =
  | { started: true; challenge: StepUpChallenge }
  | { started: false; code: RecoveryRejection; message: string; retryAfterSeconds: number | null };

/** How completeRecovery ends. */
export type CompleteRecoveryOutcome =
  | { completed: true; username: string; passwordChanged: boolean }
  | { completed: false; stepUp: StepUpRejected }
  | { completed: false; credential: CredentialRejection };

/** Whole minutes, at least one: how long the person is asked to wait. */
function minutes(retryAfterSeconds: number): string {
  return describeDuration(Math.max(1, Math.ceil(retryAfterSeconds / 60)) * 60);
}

// What the person reads, keyed by code: when each is returned and its words. None says which
// detail failed, nor anything of the login (its username, its contacts) beyond the masked
// destinations a started recovery offers.
export const recoveryRejections = {
  // The input is malformed (the caller passes the message that names the field).
  invalidInput: (message: string): StartRecoveryOutcome => rejected(RecoveryRejection.INVALID_INPUT, message),
  // The tax id and account do not match a holder on file.
  notVerified: () => rejected(RecoveryRejection.NOT_VERIFIED, "We could not verify your details. Please check them and try again."),
  // Verified, but the person never enrolled.
  notEnrolled: () => rejected(RecoveryRejection.NOT_ENROLLED, "You do not have online access yet. Please enroll to set up your username and password."),
  // Verified and enrolled, but no phone or email on file to send a code to.
  noContactOnFile: (settings: Pick<Settings, "supportPhone">) =>
    rejected(
      RecoveryRejection.NO_CONTACT_ON_FILE,
      `We have no mobile phone or email on file to send you a security code. Please call us at ${settings.supportPhone}.`,
    ),
  // A budget (the tax id's, the account's or VIN's, the client's) is used up, or busy.
  tooManyAttempts: (retryAfterSeconds: number) =>
    rejected(RecoveryRejection.TOO_MANY_ATTEMPTS, `Too many tries. Please wait ${minutes(retryAfterSeconds)} and try again.`, retryAfterSeconds),
  // The person's wrong recovery codes are used up for now (decision 0012).
  codesUsedUp: (settings: Pick<Settings, "supportPhone">, retryAfterSeconds: number) =>
    rejected(
      RecoveryRejection.TOO_MANY_ATTEMPTS,
      `Too many wrong security codes. Please wait ${minutes(retryAfterSeconds)} and try again, or call us at ${settings.supportPhone}.`,
      retryAfterSeconds,
    ),
};

function rejected(code: RecoveryRejection, message: string, retryAfterSeconds: number | null = null): StartRecoveryOutcome {
  return { started: false, code, message, retryAfterSeconds };
}

function stepUpRejected(code: StepUpRejection, message: string, attemptsRemaining: number | null = null): StepUpRejected {
  return Object.assign(new StepUpRejected(), { code, message, attemptsRemaining });
}

// The answers to a recovery code, in recovery's words where the sign-in's would not fit.
export const recoveryCodeRejections = {
  invalidCode: stepUpRejections.invalidCode,
  codeExpired: stepUpRejections.codeExpired,
  // Unknown, expired or completed recovery (a sign-in challenge is unknown here).
  challengeExpired: () => stepUpRejected(StepUpRejection.CHALLENGE_EXPIRED, "This account recovery has expired or is finished. Please start again."),
  // The recovery's last try was wrong, or every try left is being checked: start again.
  tooManyAttempts: () => stepUpRejected(StepUpRejection.TOO_MANY_ATTEMPTS, "Too many unsuccessful tries. Please start account recovery again.", 0),
  // The person's wrong recovery codes are used up for now (decision 0012).
  codesUsedUp: (settings: Pick<Settings, "supportPhone">) =>
    stepUpRejected(
      StepUpRejection.ACCOUNT_LOCKED,
      `Too many wrong security codes. For your security, account recovery is paused for a while. Please try again later, or call us at ${settings.supportPhone}.`,
    ),
  // Too many failed tries from this client address, or too many at once for this person.
  busy: () => stepUpRejected(StepUpRejection.TOO_MANY_ATTEMPTS, "Too many attempts. Please wait a moment and try again.", 0),
};
