import { ACCOUNT_NUMBER_RULE, normaliseAccountNumber, normaliseTaxId, normaliseVin, VIN_RULE } from "@oa/platform";
import { AccountType } from "../../modules/enrollment/account-type";
import type { HolderProof } from "./account-holder";

/** How a person names the account they hold: enrollment's and recovery's inputs alike. */
export interface HolderProofInput {
  accountType: AccountType;
  taxId: string;
  accountNumber?: string | null;
  vin?: string | null;
}

export type HolderProofCheck = { valid: true; proof: HolderProof } | { valid: false; message: string };

const invalid = (message: string): HolderProofCheck => ({ valid: false, message });

/**
 * Checks the form of a proof (not whether it is true) and normalises it: 9 tax id digits, and an
 * account number, or for AUTO either that or a VIN, by the same rules as the records import.
 */
export function checkHolderProof(input: HolderProofInput): HolderProofCheck {
  const taxIdDigits = normaliseTaxId(input.taxId);
  if (!taxIdDigits) return invalid("Enter your SSN or Tax ID as 9 digits.");

  const accountNumber = present(input.accountNumber);
  const givenVin = present(input.vin);
  if (input.accountType === AccountType.AUTO) {
    if ((accountNumber === null) === (givenVin === null)) return invalid("Enter either the account number or the VIN of your Auto account.");
  } else {
    if (givenVin !== null) return invalid("A VIN is only for Auto accounts.");
    if (accountNumber === null) return invalid("Enter your account number.");
  }
  // The same rules as the records import and addVehicle, so any imported account can be named.
  if (accountNumber !== null && normaliseAccountNumber(accountNumber) === null) return invalid(`An account number is ${ACCOUNT_NUMBER_RULE}.`);
  const vin = givenVin === null ? null : normaliseVin(givenVin);
  if (givenVin !== null && vin === null) return invalid(`A VIN is ${VIN_RULE}.`);
  return { valid: true, proof: { accountType: input.accountType, taxIdDigits, accountNumber, vin } };
}

/** A value with surrounding spaces removed; null when nothing is left. */
function present(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}
