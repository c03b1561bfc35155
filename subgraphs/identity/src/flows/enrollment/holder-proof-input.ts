import { normaliseAccountNumber, normaliseTaxId, normaliseVin } from "@oa/platform";
import { AccountType } from "../../modules/enrollment/account-type";
import { say } from "../../modules/messages/messages";
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
  if (!taxIdDigits) return invalid(say("proof.taxIdForm"));

  const accountNumber = present(input.accountNumber);
  const givenVin = present(input.vin);
  if (input.accountType === AccountType.AUTO) {
    if ((accountNumber === null) === (givenVin === null)) return invalid(say("proof.accountOrVin"));
  } else {
    if (givenVin !== null) return invalid(say("proof.vinOnlyForAuto"));
    if (accountNumber === null) return invalid(say("proof.accountNumberMissing"));
  }
  // The same rules as the records import and addVehicle, so any imported account can be named.
  if (accountNumber !== null && normaliseAccountNumber(accountNumber) === null) return invalid(say("proof.accountNumberForm"));
  const vin = givenVin === null ? null : normaliseVin(givenVin);
  if (givenVin !== null && vin === null) return invalid(say("proof.vinForm"));
  return { valid: true, proof: { accountType: input.accountType, taxIdDigits, accountNumber, vin } };
}

/** A value with surrounding spaces removed; null when nothing is left. */
function present(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}
