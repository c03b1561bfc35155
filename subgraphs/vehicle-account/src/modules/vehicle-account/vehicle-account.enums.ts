import type {
  AccountStatus as AccountStatusValue,
  ContractType as ContractTypeValue,
  HolderRole as HolderRoleValue,
} from "@oa/platform";
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

registerEnumType(ContractType, { name: "ContractType" });
registerEnumType(AccountStatus, { name: "AccountStatus" });
registerEnumType(HolderRole, { name: "HolderRole" });
