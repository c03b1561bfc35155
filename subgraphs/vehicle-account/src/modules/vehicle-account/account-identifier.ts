import { ACCOUNT_NUMBER_RULE, normaliseAccountNumber } from "@oa/platform";

/** How a person names a vehicle account: its number or its vehicle's VIN. */
export type AccountIdentifier = { kind: "accountNumber"; value: string } | { kind: "vin"; value: string };

export type ParsedAccountIdentifier = { ok: true; identifier: AccountIdentifier } | { ok: false; message: string };

// 17 characters; I, O and Q are never used in a VIN (they read as 1 and 0).
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

/**
 * Exactly one of an account number or a VIN, both trimmed; a VIN is upper-cased first (VINs match
 * without regard to case, account numbers exactly, by platform's account-number rule).
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
  const number = normaliseAccountNumber(accountNumber);
  if (number === null) return { ok: false, message: `An account number is ${ACCOUNT_NUMBER_RULE}.` };
  return { ok: true, identifier: { kind: "accountNumber", value: number } };
}
