import { ACCOUNT_NUMBER_RULE, VIN_RULE } from "@oa/platform";
import { describeDuration } from "../notice/message-texts";

// Every word a person reads in identity's answers: the `message` of each rejection, and the rule
// a refused input broke. One entry per stable id (as Ory Kratos' text/id.go); its comment says
// when it is said. None carries a secret, the username or anything typed, and none says which
// detail failed to verify. The notices sent to a phone or a mailbox: modules/notice/message-texts.ts.

type SupportPhone = { supportPhone: string };
type Wait = { retryAfterSeconds: number };
type TriesLeft = { triesLeft: number };

/** Whole minutes, at least one: "1 minute", "10 minutes". */
function wholeMinutes(seconds: number): string {
  return describeDuration(Math.max(1, Math.ceil(seconds / 60)) * 60);
}

/** Seconds up to a minute, whole minutes beyond. */
function secondsOrMinutes(seconds: number): string {
  return describeDuration(seconds > 60 ? Math.ceil(seconds / 60) * 60 : seconds);
}

function triesLeft(count: number): string {
  return `You have ${count} ${count === 1 ? "try" : "tries"} left.`;
}

const LOCKED = "Online access is locked for your security after too many unsuccessful attempts.";

export const MESSAGES = {
  // Signing in: login, and refreshSession, which answers as its login would.
  /** A wrong password or an unknown username: the same words for both. */
  "login.invalidCredentials": () => "The username or password is not right. Please try again.",
  /** While the lock holds, whatever the password: the same words every time (the time left is in retryAfterSeconds), so known and unknown usernames read alike. */
  "login.accountLocked": ({ supportPhone }: SupportPhone) => `${LOCKED} Please try again later, or call us at ${supportPhone}.`,
  /** Too many failed tries from this client address, or a flood of parallel tries for one username: nothing checked. */
  "login.tooManyAttempts": () => "Too many sign-in attempts. Please wait a moment and try again.",
  /** A refresh token unknown, expired, used or ended, or not with its device's token: the same words for all. */
  "refresh.invalidToken": () => "Your session has ended. Please sign in again.",
  /** Too many failed refreshes from this client address: nothing checked. */
  "refresh.tooManyAttempts": () => "Too many attempts. Please sign in again in a little while.",

  // Step-up (verifyStepUp, sendSecurityCode).
  /** A wrong code; a try of the challenge is used up. */
  "stepUp.invalidCode": ({ triesLeft: count }: TriesLeft) => `That code is not right. ${triesLeft(count)}`,
  /** Wrong answers, or not the challenge's two questions; a try is used up. */
  "stepUp.invalidAnswers": ({ triesLeft: count }: TriesLeft) => `Those answers do not match our records. ${triesLeft(count)}`,
  /** The right code after its expiry, or once more after it completed the challenge. */
  "stepUp.codeExpired": () => "That code has expired or was already used. Ask for a new code.",
  /** No such pending sign-in challenge: unknown, expired or completed. */
  "stepUp.challengeExpired": () => "This verification has expired or is finished. Please sign in again.",
  /** The challenge is void (its last try was wrong), every try left is being checked, or the client is past its budget. */
  "stepUp.tooManyAttempts": () => "Too many unsuccessful tries. Please sign in again to start a new verification.",
  /** Online access is locked: nothing is tried. */
  "stepUp.accountLocked": ({ supportPhone }: SupportPhone) => `${LOCKED} Call us at ${supportPhone}.`,
  /** A code for this challenge was sent less than 30 seconds ago. */
  "stepUp.resendTooSoon": ({ retryAfterSeconds }: Wait) => `A code was just sent. You can ask for another in ${describeDuration(retryAfterSeconds)}.`,
  /** SECURITY_CODE_MAX_SENDS codes were sent to the person within the window, across their challenges. */
  "stepUp.tooManyCodes": ({ retryAfterSeconds }: Wait) => `Several codes were sent to you just now. You can ask for another in ${secondsOrMinutes(retryAfterSeconds)}.`,
  /** A code method the challenge does not offer, or with no contact on file. */
  "stepUp.methodUnavailable": () => "That verification method is not available.",
  /** sendSecurityCode for SECURITY_QUESTIONS. */
  "stepUp.codeMethodsOnly": () => "Security codes are sent by SMS_CODE or EMAIL_CODE.",
  /** verifyStepUp without exactly one of code and answers. */
  "stepUp.oneProof": () => "Give exactly one of the security code and the answers to both questions.",
  /** A code for a challenge that offers no code method. */
  "stepUp.noCodeOffered": () => "No security code can be sent for this sign-in; answer the questions instead.",
  /** Answers for a challenge that offers no questions. */
  "stepUp.noQuestionsOffered": () => "This verification offers no security questions; use a security code instead.",

  // Proving who one is, at enrollment and at recovery.
  /** The tax id and account do not match a holder on file; never says which detail failed. */
  "proof.notVerified": () => "We could not verify your details. Please check them and try again.",
  /** A budget (the tax id's, the account's or VIN's, the client's) is used up, or busy. */
  "proof.tooManyAttempts": ({ retryAfterSeconds }: Wait) => `Too many tries. Please wait ${wholeMinutes(retryAfterSeconds)} and try again.`,
  /** The input's form, field by field. */
  "proof.taxIdForm": () => "Enter your SSN or Tax ID as 9 digits.",
  "proof.accountOrVin": () => "Enter either the account number or the VIN of your Auto account.",
  "proof.vinOnlyForAuto": () => "A VIN is only for Auto accounts.",
  "proof.accountNumberMissing": () => "Enter your account number.",
  "proof.accountNumberForm": () => `An account number is ${ACCOUNT_NUMBER_RULE}.`,
  "proof.vinForm": () => `A VIN is ${VIN_RULE}.`,

  // Enrollment.
  /** Verified, but the Auto account is not eligible for online access. */
  "enrollment.ineligibleAccount": () => "This account is not eligible for online access. Please call us for help.",
  /** Verified, but the person already has a login. */
  "enrollment.alreadyEnrolled": () => "You already have online access. Please sign in with your username and password.",
  /** The username breaks the username rules. */
  "enrollment.invalidUsername": () => "Your username must be 6 to 32 characters: letters, digits, dots, dashes or underscores.",
  /** Someone has the username already (without regard to case). */
  "enrollment.usernameTaken": () => "That username is taken. Please choose another.",
  /** Far beyond any real value: kept away from the checks and the hashing. */
  "enrollment.usernameTooLong": () => "The username is too long.",
  "enrollment.passwordTooLong": () => "The password is too long.",

  // Account recovery (startRecovery, completeRecovery), where the sign-in's words would not fit.
  /** Verified, but the person never enrolled (answered before recovery.noContactOnFile). */
  "recovery.notEnrolled": () => "You do not have online access yet. Please enroll to set up your username and password.",
  /** Verified and enrolled, but no phone or email on file to send a code to. */
  "recovery.noContactOnFile": ({ supportPhone }: SupportPhone) => `We have no mobile phone or email on file to send you a security code. Please call us at ${supportPhone}.`,
  /** startRecovery while the person's wrong recovery codes are used up (decision 0012). */
  "recovery.codesUsedUp": ({ supportPhone, retryAfterSeconds }: SupportPhone & Wait) =>
    `Too many wrong security codes. Please wait ${wholeMinutes(retryAfterSeconds)} and try again, or call us at ${supportPhone}.`,
  /** completeRecovery or sendSecurityCode while they are used up (decision 0012). */
  "recovery.codesPaused": ({ supportPhone }: SupportPhone) =>
    `Too many wrong security codes. For your security, account recovery is paused for a while. Please try again later, or call us at ${supportPhone}.`,
  /** Unknown, expired or completed recovery (a sign-in challenge is unknown here). */
  "recovery.challengeExpired": () => "This account recovery has expired or is finished. Please start again.",
  /** The recovery's last try was wrong, or every try left is being checked: start again. */
  "recovery.tooManyAttempts": () => "Too many unsuccessful tries. Please start account recovery again.",
  /** Too many failed tries from this client address, or too many at once for this person. */
  "recovery.busy": () => "Too many attempts. Please wait a moment and try again.",

  // Credential changes (changePassword, changeSecurityAnswers).
  /** The current password is wrong; counted toward the lock. */
  "credentials.wrongCurrentPassword": () => "Your current password is not right. Please try again.",
  /** The new password is the current one. */
  "credentials.sameAsCurrent": () => "Your new password must be different from your current password.",
  /** While the lock holds: nothing is checked; when, and whom to call. */
  "credentials.locked": ({ supportPhone, retryAfterSeconds }: SupportPhone & Wait) =>
    `${LOCKED} Please try again in ${wholeMinutes(retryAfterSeconds)}, or call us at ${supportPhone}.`,
  /** The client address past its budget, or too many at once for this person: a pause, nothing checked (the contract has no other code for it). */
  "credentials.paused": ({ retryAfterSeconds }: Wait) => `Too many unsuccessful attempts. Please wait ${wholeMinutes(retryAfterSeconds)} and try again.`,

  // The password rules (enrollment, changePassword, completeRecovery): the first one broken. Never repeats the password or the detail it contains.
  "password.length": ({ min, max }: { min: number; max: number }) => `Your password must be ${min} to ${max} characters long.`,
  "password.common": () => "Your password is too common or too easy to guess. Choose one that is harder to guess.",
  "password.username": () => "Your password must not contain your username.",
  "password.name": () => "Your password must not contain your name.",
  "password.birthDate": () => "Your password must not contain your date of birth.",
  "password.taxId": () => "Your password must not contain digits of your SSN or Tax ID.",

  // The security answers' rules (enrollment, changeSecurityAnswers). Never repeats an answer.
  "answers.count": () => "Answer exactly three security questions.",
  "answers.differentQuestions": () => "Choose three different questions from the list.",
  "answers.length": ({ max }: { max: number }) => `Each answer must be 1 to ${max} characters.`,
} satisfies Record<string, (params: never) => string>;

/** A message's stable id: what a test, a log line or a translation refers to. */
export type MessageId = keyof typeof MESSAGES;

/** The words of message `id`, with what they name. */
export function say<Id extends MessageId>(id: Id, ...params: Parameters<(typeof MESSAGES)[Id]>): string {
  return (MESSAGES[id] as (...args: Parameters<(typeof MESSAGES)[Id]>) => string)(...params);
}
