import { EnrollmentRejection } from "../../modules/enrollment/enrollment-rejection";

/** How an enrollment ends: each member is an answer the client must handle. */
export type EnrollmentOutcome =
  | { enrolled: true; username: string }
  | { enrolled: false; code: EnrollmentRejection; message: string };

// One line each: when it is returned, and what the person is told.
const MESSAGES: Record<EnrollmentRejection, string> = {
  // The input is malformed (the caller passes a message that names the field).
  INVALID_INPUT: "Some of the details are not in the right form.",
  // Five failed verifications for this tax id within the window.
  TOO_MANY_ATTEMPTS: "Too many tries. Please wait and try again later.",
  // Tax id and account do not match a holder on file; never says which detail failed.
  NOT_VERIFIED: "We could not verify your details. Please check them and try again.",
  // Verified, but the Auto account is not eligible for online access.
  INELIGIBLE_ACCOUNT: "This account is not eligible for online access. Please call us for help.",
  // Verified, but the person already has a login.
  ALREADY_ENROLLED: "You already have online access. Please sign in with your username and password.",
  // The username breaks the username rules.
  INVALID_USERNAME: "Your username must be 6 to 32 characters: letters, digits, dots, dashes or underscores.",
  // Someone has the username already (without regard to case).
  USERNAME_TAKEN: "That username is taken. Please choose another.",
  // The password breaks a rule (the caller passes the rule's message).
  WEAK_PASSWORD: "Your password does not meet the password rules.",
};

export function enrolled(username: string): EnrollmentOutcome {
  return { enrolled: true, username };
}

export function rejected(code: EnrollmentRejection, message = MESSAGES[code]): EnrollmentOutcome {
  return { enrolled: false, code, message };
}

export function tooManyAttempts(retryAfterSeconds: number): EnrollmentOutcome {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return rejected(
    EnrollmentRejection.TOO_MANY_ATTEMPTS,
    `Too many tries. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
  );
}
