import { registerEnumType } from "type-graphql";

/** The kind of account a person proves they hold when they enroll. */
export enum AccountType {
  BANK = "BANK",
  INVEST = "INVEST",
  AUTO = "AUTO",
}

registerEnumType(AccountType, { name: "AccountType" });
