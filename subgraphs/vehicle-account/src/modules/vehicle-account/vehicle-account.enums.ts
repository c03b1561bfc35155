import type { AccountStatus as AccountStatusValue, ContractType as ContractTypeValue, HolderRole as HolderRoleValue } from "@oa/platform";
import { registerEnumType } from "type-graphql";

// Plain objects rather than TS enums, so the values stay the string literals of the records format.

export const ContractType = {
  RETAIL_INSTALLMENT: "RETAIL_INSTALLMENT",
  SMARTLEASE: "SMARTLEASE",
  BALLOON: "BALLOON",
} as const satisfies Record<ContractTypeValue, ContractTypeValue>;
export type ContractType = ContractTypeValue;

export const AccountStatus = {
  ACTIVE: "ACTIVE",
  PAID_IN_FULL: "PAID_IN_FULL",
  VEHICLE_RETURNED: "VEHICLE_RETURNED",
  CLOSED: "CLOSED",
  CANCELED: "CANCELED",
} as const satisfies Record<AccountStatusValue, AccountStatusValue>;
export type AccountStatus = AccountStatusValue;

export const HolderRole = {
  PRIMARY: "PRIMARY",
  JOINT: "JOINT",
} as const satisfies Record<HolderRoleValue, HolderRoleValue>;
export type HolderRole = HolderRoleValue;

registerEnumType(ContractType, {
  name: "ContractType",
  description: "How a vehicle is financed.",
  valuesConfig: {
    RETAIL_INSTALLMENT: { description: "A retail installment contract: a loan paid in installments." },
    SMARTLEASE: { description: "A SmartLease: a lease, whose vehicle is returned or bought at its end." },
    BALLOON: { description: "A balloon contract: smaller installments, and a larger last payment." },
  },
});
registerEnumType(AccountStatus, {
  name: "AccountStatus",
  description: "Where a vehicle account stands in the bank's records.",
  valuesConfig: {
    ACTIVE: { description: "The account is open." },
    PAID_IN_FULL: { description: "The account is paid in full." },
    VEHICLE_RETURNED: { description: "The vehicle was returned (e.g. at the end of a SmartLease)." },
    CLOSED: { description: "The account is closed." },
    CANCELED: { description: "The account was canceled." },
  },
});
registerEnumType(HolderRole, {
  name: "HolderRole",
  description: "A holder's role on a vehicle account.",
  valuesConfig: {
    PRIMARY: { description: "The primary holder: every account has exactly one." },
    JOINT: { description: "A joint holder, beside the primary one." },
  },
});
