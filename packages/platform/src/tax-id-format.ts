// One rule for the form of an SSN or Tax ID, shared by the records import and enroll, so a
// customer imported with a tax id can be found by it. (identity alone keys and encrypts it.)

/** The rule in words, fit to name in an import problem. */
export const TAX_ID_RULE = "9 digits (dashes and spaces allowed)";

// Far beyond any way of typing 9 digits: keeps absurd input away from the replace below.
const RAW_MAX_LENGTH = 64;
const NINE_DIGITS = /^\d{9}$/;

/** The 9 digits of an SSN or Tax ID typed with or without dashes and spaces; null when it is not one. */
export function normaliseTaxId(raw: string): string | null {
  if (raw.length > RAW_MAX_LENGTH) return null;
  const digits = raw.replace(/[-\s]/g, "");
  return NINE_DIGITS.test(digits) ? digits : null;
}
