import type { Settings } from "@oa/platform";
import { describeDuration } from "../../modules/notice/message-texts";
import { CredentialChangeRejected, CredentialChangeRejection } from "./credentials.results";

/** A refused credential change: the code, the words the person reads, and for a lock its time left. */
export interface CredentialRejection {
  code: CredentialChangeRejection;
  message: string;
  retryAfterSeconds: number | null;
}

export type ChangePasswordOutcome = { changed: true; endedSessions: number } | { changed: false; rejection: CredentialRejection };

export type ChangeSecurityAnswersOutcome = { changed: true } | { changed: false; rejection: CredentialRejection };

// One line each: when it is returned, and what the person is told (the caller passes the rule's words where one failed).
/** Every refusal but the lock, which needs the settings and the time left. */
type RuleRefusal = Exclude<CredentialChangeRejection, CredentialChangeRejection.ACCOUNT_LOCKED>;

const MESSAGES: Record<RuleRefusal, string> = {
  // The current password is wrong; counted toward the lock.
  WRONG_CURRENT_PASSWORD: "Your current password is not right. Please try again.",
  // The new password breaks a password rule (the message names it).
  WEAK_PASSWORD: "Your new password does not meet the password rules.",
  // The new password is the current one.
  SAME_AS_CURRENT: "Your new password must be different from your current password.",
  // Not three answers to three different catalog questions, or an answer empty or too long (the message names which).
  INVALID_ANSWERS: "Answer three different questions from the list.",
};

export function credentialRejected(code: RuleRefusal, message: string = MESSAGES[code]): CredentialRejection {
  return { code, message, retryAfterSeconds: null };
}

/** While the lock holds: nothing is checked; the message says when and whom to call. */
export function credentialsLocked(settings: Pick<Settings, "supportPhone">, retryAfterSeconds: number): CredentialRejection {
  return {
    code: CredentialChangeRejection.ACCOUNT_LOCKED,
    message:
      "Online access is locked for your security after too many unsuccessful attempts. " +
      `Please try again in ${describeDuration(Math.max(60, Math.ceil(retryAfterSeconds / 60) * 60))}, or call us at ${settings.supportPhone}.`,
    retryAfterSeconds,
  };
}

/**
 * Too many failed tries from this client address, or too many at once for this person: nothing
 * was checked. The contract has no other code for it; the message says it is a pause.
 */
export function credentialsPaused(retryAfterSeconds: number): CredentialRejection {
  return {
    code: CredentialChangeRejection.ACCOUNT_LOCKED,
    message: `Too many unsuccessful attempts. Please wait ${describeDuration(Math.max(60, Math.ceil(retryAfterSeconds / 60) * 60))} and try again.`,
    retryAfterSeconds,
  };
}

/** The contract's CredentialChangeRejected for a refusal: the one place a rejection becomes an answer. */
export function toCredentialChangeRejected(rejection: CredentialRejection): CredentialChangeRejected {
  return Object.assign(new CredentialChangeRejected(), rejection);
}
