import { say } from "../../modules/messages/messages";

export type EnrollmentRejectionCode =
  | "NOT_VERIFIED"
  | "ALREADY_ENROLLED"
  | "USERNAME_TAKEN"
  | "INVALID_USERNAME"
  | "WEAK_PASSWORD"
  | "INELIGIBLE_ACCOUNT"
  | "TOO_MANY_ATTEMPTS"
  | "INVALID_INPUT";

/** A refused enrollment: the contract's EnrollmentRejected. */
export interface EnrollmentRefusal {
  kind: "rejected";
  code: EnrollmentRejectionCode;
  message: string;
}

/** How an enrollment ends: each member is an answer of the contract's EnrollResult (mapped in enrollment.resolver.ts). */
export type EnrollmentOutcome = { kind: "enrolled"; username: string } | EnrollmentRefusal;

const refusal = (code: EnrollmentRejectionCode, message: string): EnrollmentRefusal => ({ kind: "rejected", code, message });

// One function per refusal; the words are the catalog's, or the broken rule's.
export const enrollmentRefusals = {
  /** The input is malformed: the message names the field. */
  invalidInput: (message: string) => refusal("INVALID_INPUT", message),
  invalidUsername: () => refusal("INVALID_USERNAME", say("enrollment.invalidUsername")),
  /** The password breaks a rule: the message names it. */
  weakPassword: (message: string) => refusal("WEAK_PASSWORD", message),
  /** A budget of the verification refused (PROOF_MAX_FAILURES for the tax id, the account or VIN; the client's). */
  tooManyAttempts: (retryAfterSeconds: number) => refusal("TOO_MANY_ATTEMPTS", say("proof.tooManyAttempts", { retryAfterSeconds })),
  notVerified: () => refusal("NOT_VERIFIED", say("proof.notVerified")),
  ineligibleAccount: () => refusal("INELIGIBLE_ACCOUNT", say("enrollment.ineligibleAccount")),
  alreadyEnrolled: () => refusal("ALREADY_ENROLLED", say("enrollment.alreadyEnrolled")),
  usernameTaken: () => refusal("USERNAME_TAKEN", say("enrollment.usernameTaken")),
};
