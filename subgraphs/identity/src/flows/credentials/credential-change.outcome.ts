import { say } from "../../modules/messages/messages";

export type CredentialRejectionCode = "WRONG_CURRENT_PASSWORD" | "WEAK_PASSWORD" | "SAME_AS_CURRENT" | "INVALID_ANSWERS" | "ACCOUNT_LOCKED";

/** A refused credential change (or a recovery's refused new password): the contract's CredentialChangeRejected. */
export interface CredentialRefusal {
  kind: "rejected";
  code: CredentialRejectionCode;
  message: string;
  /** When the lock lifts, for ACCOUNT_LOCKED. */
  retryAfterSeconds: number | null;
}

/** How changePassword ends: the contract's ChangePasswordResult (mapped in credentials.resolver.ts). */
export type ChangePasswordOutcome = { kind: "changed"; endedSessions: number } | CredentialRefusal;

/** How changeSecurityAnswers ends: the contract's ChangeSecurityAnswersResult. */
export type ChangeSecurityAnswersOutcome = { kind: "changed" } | CredentialRefusal;

const refusal = (code: CredentialRejectionCode, message: string, retryAfterSeconds: number | null = null): CredentialRefusal => ({
  kind: "rejected",
  code,
  message,
  retryAfterSeconds,
});

// One function per refusal; the words are the catalog's, or the broken rule's.
export const credentialRefusals = {
  /** The current password is wrong; counted toward the lock. */
  wrongCurrentPassword: () => refusal("WRONG_CURRENT_PASSWORD", say("credentials.wrongCurrentPassword")),
  /** The new password breaks a password rule: the message names it. */
  weakPassword: (message: string) => refusal("WEAK_PASSWORD", message),
  sameAsCurrent: () => refusal("SAME_AS_CURRENT", say("credentials.sameAsCurrent")),
  /** Not three answers to three different catalog questions, or an answer empty or too long: the message names which. */
  invalidAnswers: (message: string) => refusal("INVALID_ANSWERS", message),
  /** While the lock holds: nothing is checked; the message says when and whom to call. */
  locked: (supportPhone: string, retryAfterSeconds: number) => refusal("ACCOUNT_LOCKED", say("credentials.locked", { supportPhone, retryAfterSeconds }), retryAfterSeconds),
  /**
   * Too many failed tries from this client address, or too many at once for this person: nothing
   * was checked. The contract has no other code for it; the message says it is a pause.
   */
  paused: (retryAfterSeconds: number) => refusal("ACCOUNT_LOCKED", say("credentials.paused", { retryAfterSeconds }), retryAfterSeconds),
};
