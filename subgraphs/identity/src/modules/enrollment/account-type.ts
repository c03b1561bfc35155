import { registerEnumType } from "type-graphql";

/** The kind of account a person proves they hold when they enroll. */
export enum AccountType {
  BANK = "BANK",
  INVEST = "INVEST",
  AUTO = "AUTO",
}

registerEnumType(AccountType, {
  name: "AccountType",
  description: "The kind of account a person proves they hold, at enrollment and at recovery.",
  valuesConfig: {
    BANK: { description: "A bank deposit account, named by its account number." },
    INVEST: { description: "An investment account, named by its account number." },
    AUTO: { description: "A vehicle loan or lease, named by its account number or its VIN." },
  },
});
