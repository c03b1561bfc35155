import { ACCOUNT_NUMBER_RULE, normaliseAccountNumber, normaliseVin, VIN_RULE } from "@oa/platform";

/** How a person names a vehicle account: its number or its vehicle's VIN. */
export type AccountIdentifier = { kind: "accountNumber"; value: string } | { kind: "vin"; value: string };

/** Why input names no account: both or neither of the two given, or the one given malformed. */
export type AccountIdentifierProblem = "notExactlyOne" | "malformed";

export type ParsedAccountIdentifier = { ok: true; identifier: AccountIdentifier } | { ok: false; problem: AccountIdentifierProblem; message: string };

/**
 * Exactly one of an account number or a VIN, each by platform's rule (a VIN upper-cased: VINs
 * match without regard to case, account numbers exactly once trimmed). The messages are fit to
 * show the person.
 */
export function parseAccountIdentifier(input: { accountNumber?: string | null; vin?: string | null }): ParsedAccountIdentifier {
  const accountNumber = input.accountNumber?.trim() ?? "";
  const vin = input.vin?.trim() ?? "";
  if (accountNumber !== "" && vin !== "") return { ok: false, problem: "notExactlyOne", message: "Enter the account number or the VIN, not both." };
  if (accountNumber === "" && vin === "") return { ok: false, problem: "notExactlyOne", message: "Enter the account number or the VIN." };
  if (vin !== "") {
    const normalised = normaliseVin(vin);
    if (normalised === null) return { ok: false, problem: "malformed", message: `A VIN is ${VIN_RULE}.` };
    return { ok: true, identifier: { kind: "vin", value: normalised } };
  }
  const number = normaliseAccountNumber(accountNumber);
  if (number === null) return { ok: false, problem: "malformed", message: `An account number is ${ACCOUNT_NUMBER_RULE}.` };
  return { ok: true, identifier: { kind: "accountNumber", value: number } };
}
