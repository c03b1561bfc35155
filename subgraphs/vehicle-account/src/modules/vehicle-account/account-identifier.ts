/** How a person names a vehicle account: its number or its vehicle's VIN. */
export type AccountIdentifier = { kind: "accountNumber"; value: string } | { kind: "vin"; value: string };

export type ParsedAccountIdentifier = { ok: true; identifier: AccountIdentifier } | { ok: false; message: string };

/** Longest account number accepted; anything longer cannot be on file. */
export const MAX_ACCOUNT_NUMBER_LENGTH = 34;

// 17 characters; I, O and Q are never used in a VIN (they read as 1 and 0).
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
// Letters, digits, and the separators systems of record print in account numbers.
const ACCOUNT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;

/**
 * Exactly one of an account number or a VIN, both trimmed; a VIN is upper-cased first.
 * The messages are fit to show the person.
 */
export function parseAccountIdentifier(input: { accountNumber?: string | null; vin?: string | null }): ParsedAccountIdentifier {
  const accountNumber = input.accountNumber?.trim() ?? "";
  const vin = input.vin?.trim().toUpperCase() ?? "";
  if (accountNumber !== "" && vin !== "") return { ok: false, message: "Enter the account number or the VIN, not both." };
  if (accountNumber === "" && vin === "") return { ok: false, message: "Enter the account number or the VIN." };
  if (vin !== "") {
    if (!VIN.test(vin)) return { ok: false, message: "A VIN is 17 letters and digits, without I, O or Q." };
    return { ok: true, identifier: { kind: "vin", value: vin } };
  }
  if (accountNumber.length > MAX_ACCOUNT_NUMBER_LENGTH || !ACCOUNT_NUMBER.test(accountNumber)) {
    return { ok: false, message: `An account number is up to ${MAX_ACCOUNT_NUMBER_LENGTH} letters, digits and dashes.` };
  }
  return { ok: true, identifier: { kind: "accountNumber", value: accountNumber } };
}
