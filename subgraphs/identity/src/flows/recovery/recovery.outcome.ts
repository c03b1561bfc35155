import { say } from "../../modules/messages/messages";
import type { ChallengeView } from "../../modules/step-up/challenge-view";
import type { CredentialRefusal } from "../credentials/credential-change.outcome";
import { stepUpRefusal, stepUpRefusals, type StepUpRefusal } from "../step-up/step-up.outcome";

export type RecoveryRejectionCode = "NOT_VERIFIED" | "NOT_ENROLLED" | "NO_CONTACT_ON_FILE" | "TOO_MANY_ATTEMPTS" | "INVALID_INPUT";

/** A recovery that could not start: the contract's RecoveryRejected. */
export interface RecoveryRefusal {
  kind: "rejected";
  code: RecoveryRejectionCode;
  message: string;
  /** When another try is allowed, for TOO_MANY_ATTEMPTS. */
  retryAfterSeconds: number | null;
}

/** How startRecovery ends: the contract's StartRecoveryResult (mapped in recovery.resolver.ts). */
export type StartRecoveryOutcome = { kind: "started"; challenge: ChallengeView } | RecoveryRefusal;

/** How completeRecovery ends: the contract's CompleteRecoveryResult, whose refusals are StepUpRejected (the code) or CredentialChangeRejected (the new password). */
export type CompleteRecoveryOutcome =
  | { kind: "completed"; username: string; passwordChanged: boolean }
  | { kind: "codeRefused"; refusal: StepUpRefusal }
  | { kind: "passwordRefused"; refusal: CredentialRefusal };

const refusal = (code: RecoveryRejectionCode, message: string, retryAfterSeconds: number | null = null): RecoveryRefusal => ({
  kind: "rejected",
  code,
  message,
  retryAfterSeconds,
});

// None says which detail failed, nor anything of the login (its username, its contacts) beyond
// the masked destinations a started recovery offers.
export const recoveryRefusals = {
  /** The input is malformed: the message names the field. */
  invalidInput: (message: string) => refusal("INVALID_INPUT", message),
  notVerified: () => refusal("NOT_VERIFIED", say("proof.notVerified")),
  notEnrolled: () => refusal("NOT_ENROLLED", say("recovery.notEnrolled")),
  noContactOnFile: (supportPhone: string) => refusal("NO_CONTACT_ON_FILE", say("recovery.noContactOnFile", { supportPhone })),
  /** A budget of the verification is used up, or busy. */
  tooManyAttempts: (retryAfterSeconds: number) => refusal("TOO_MANY_ATTEMPTS", say("proof.tooManyAttempts", { retryAfterSeconds }), retryAfterSeconds),
  /** The person's wrong recovery codes are used up for now (decision 0012). */
  codesUsedUp: (supportPhone: string, retryAfterSeconds: number) =>
    refusal("TOO_MANY_ATTEMPTS", say("recovery.codesUsedUp", { supportPhone, retryAfterSeconds }), retryAfterSeconds),
};

// The answers to a recovery code: step-up's, in recovery's words where the sign-in's would not fit.
export const recoveryCodeRefusals = {
  invalidCode: stepUpRefusals.invalidCode,
  codeExpired: stepUpRefusals.codeExpired,
  challengeExpired: () => stepUpRefusal("CHALLENGE_EXPIRED", say("recovery.challengeExpired")),
  tooManyAttempts: () => stepUpRefusal("TOO_MANY_ATTEMPTS", say("recovery.tooManyAttempts"), 0),
  codesUsedUp: (supportPhone: string) => stepUpRefusal("ACCOUNT_LOCKED", say("recovery.codesPaused", { supportPhone })),
  busy: () => stepUpRefusal("TOO_MANY_ATTEMPTS", say("recovery.busy"), 0),
};
