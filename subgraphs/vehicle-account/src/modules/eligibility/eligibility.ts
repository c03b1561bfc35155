import type { AccountStatus, ContractType } from "../vehicle-account/vehicle-account.enums";

/** Why an account cannot be on a Snapshot. */
export const IneligibilityReason = {
  PAID_IN_FULL: "PAID_IN_FULL",
  LEASE_VEHICLE_RETURNED: "LEASE_VEHICLE_RETURNED",
  ACCOUNT_CLOSED: "ACCOUNT_CLOSED",
  ACCOUNT_CANCELED: "ACCOUNT_CANCELED",
  CREDITOR_NOT_AUTHORIZED: "CREDITOR_NOT_AUTHORIZED",
} as const;
export type IneligibilityReason = (typeof IneligibilityReason)[keyof typeof IneligibilityReason];

export interface Eligibility {
  eligible: boolean;
  /** Set exactly when `eligible` is false. */
  reason: IneligibilityReason | null;
}

/** The facts of an account that eligibility depends on. */
export interface EligibilityFacts {
  status: AccountStatus;
  contract: ContractType;
  creditor: string;
}

/** Creditor names compare trimmed and without regard to case. */
export function creditorKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The set `snapshotEligibility` checks creditors against; built once from the settings. */
export function authorizedCreditorSet(names: readonly string[]): ReadonlySet<string> {
  return new Set(names.map(creditorKey).filter((key) => key !== ""));
}

const ELIGIBLE: Eligibility = { eligible: true, reason: null };
const ineligible = (reason: IneligibilityReason): Eligibility => ({ eligible: false, reason });

/**
 * Whether an account may be on a Snapshot, from the account as it is now. The account's own
 * state is checked before its creditor, so a paid-off loan says PAID_IN_FULL whoever financed it.
 */
export function snapshotEligibility(account: EligibilityFacts, authorizedCreditors: ReadonlySet<string>): Eligibility {
  switch (account.status) {
    case "PAID_IN_FULL":
      return ineligible(IneligibilityReason.PAID_IN_FULL);
    case "VEHICLE_RETURNED":
      // Only a SmartLease ends with the vehicle's return; on a loan it is not a reason.
      if (account.contract === "SMARTLEASE") return ineligible(IneligibilityReason.LEASE_VEHICLE_RETURNED);
      break;
    case "CLOSED":
      return ineligible(IneligibilityReason.ACCOUNT_CLOSED);
    case "CANCELED":
      return ineligible(IneligibilityReason.ACCOUNT_CANCELED);
    case "ACTIVE":
      break;
  }
  if (!authorizedCreditors.has(creditorKey(account.creditor))) return ineligible(IneligibilityReason.CREDITOR_NOT_AUTHORIZED);
  return ELIGIBLE;
}

/** `snapshotEligibility` with the authorized creditors of the settings, lower-cased once. */
export class EligibilityPolicy {
  private readonly authorizedCreditors: ReadonlySet<string>;

  constructor(authorizedCreditors: readonly string[]) {
    this.authorizedCreditors = authorizedCreditorSet(authorizedCreditors);
  }

  evaluate(account: EligibilityFacts): Eligibility {
    return snapshotEligibility(account, this.authorizedCreditors);
  }
}
