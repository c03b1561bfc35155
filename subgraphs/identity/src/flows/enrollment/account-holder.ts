import type DataLoader from "dataloader";
import type { CustomerEntity } from "../../modules/customer/customer.entity";
import type { DepositAccount } from "../../modules/customer/deposit-account.loader";
import { AccountType } from "../../modules/enrollment/account-type";
import type { VehicleAccountCalls } from "./vehicle-account.calls";

/** What a person offers to prove they hold an account (at enrollment and at recovery), in checked form. */
export interface HolderProof {
  accountType: AccountType;
  /** The 9 digits. */
  taxIdDigits: string;
  /** Trimmed; matched exactly. */
  accountNumber: string | null;
  /** Upper case. */
  vin: string | null;
}

/** A customer on file proven to hold the account they named. */
export interface VerifiedHolder {
  customer: CustomerEntity;
  /** For AUTO: the vehicle account to put on the Snapshot, and whether it may be. */
  vehicleAccount: { accountId: string; eligible: boolean } | null;
}

/** What verifying a holder reads: the request's loaders of customers and deposit accounts, and vehicle-account for AUTO. */
export interface AccountHolderDeps {
  customersByTaxIdLookup: Pick<DataLoader<string, CustomerEntity | null>, "load">;
  depositAccounts: Pick<DataLoader<string, DepositAccount | null>, "load">;
  vehicleAccount: Pick<VehicleAccountCalls, "checkEnrollmentAccount">;
}

/**
 * The customer with that tax id, if they hold the account as primary or joint holder; null for
 * anything else (no such customer, no such account, someone else's account, another product).
 */
export async function verifyAccountHolder(deps: AccountHolderDeps, proof: HolderProof, taxIdLookup: string): Promise<VerifiedHolder | null> {
  const customer = await deps.customersByTaxIdLookup.load(taxIdLookup);
  if (!customer) return null;

  if (proof.accountType === AccountType.AUTO) {
    const check = await deps.vehicleAccount.checkEnrollmentAccount(customer.id, { accountNumber: proof.accountNumber, vin: proof.vin });
    return check ? { customer, vehicleAccount: { accountId: check.accountId, eligible: check.eligible } } : null;
  }

  const account = proof.accountNumber ? await deps.depositAccounts.load(proof.accountNumber) : null;
  const holds = account?.product === proof.accountType && account.holderIds.includes(customer.id);
  return holds ? { customer, vehicleAccount: null } : null;
}
