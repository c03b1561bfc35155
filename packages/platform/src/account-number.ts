// One rule for account numbers (deposit and vehicle), shared by the records import, enroll,
// addVehicle and enrollmentAccountCheck, so an account that can be imported can be named.

/** Longest account number, in characters. */
export const ACCOUNT_NUMBER_MAX_LENGTH = 34;

/** The rule in words, fit to show a person or to name in an import problem. */
export const ACCOUNT_NUMBER_RULE = `1 to ${ACCOUNT_NUMBER_MAX_LENGTH} letters, digits, spaces, dashes, dots and slashes, beginning with a letter or digit`;

// ASCII letters and digits, and the separators systems of record print: space, `-`, `.`, `/`.
const ACCOUNT_NUMBER = new RegExp(`^[A-Za-z0-9][A-Za-z0-9 ./-]{0,${ACCOUNT_NUMBER_MAX_LENGTH - 1}}$`);

/**
 * The account number as stored and matched (surrounding spaces trimmed, nothing else changed), or
 * null when it is blank or breaks ACCOUNT_NUMBER_RULE. Account numbers are compared exactly as
 * this returns them (case and inner spaces count); VINs, by contrast, without regard to case.
 */
export function normaliseAccountNumber(value: string): string | null {
  const trimmed = value.trim();
  return ACCOUNT_NUMBER.test(trimmed) ? trimmed : null;
}
