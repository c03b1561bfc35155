import { registerEnumType } from "type-graphql";

/** Why an enrollment was refused. Stable codes: clients branch on them. */
export enum EnrollmentRejection {
  NOT_VERIFIED = "NOT_VERIFIED",
  ALREADY_ENROLLED = "ALREADY_ENROLLED",
  USERNAME_TAKEN = "USERNAME_TAKEN",
  INVALID_USERNAME = "INVALID_USERNAME",
  WEAK_PASSWORD = "WEAK_PASSWORD",
  INELIGIBLE_ACCOUNT = "INELIGIBLE_ACCOUNT",
  TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS",
  INVALID_INPUT = "INVALID_INPUT",
}

registerEnumType(EnrollmentRejection, {
  name: "EnrollmentRejection",
  valuesConfig: {
    NOT_VERIFIED: { description: "The tax id and account do not match an account holder (or no such account)." },
    ALREADY_ENROLLED: { description: "This person already has online credentials." },
    INELIGIBLE_ACCOUNT: {
      description: "The account exists and is the person's, but is not eligible (e.g. an Auto account paid in full).",
    },
  },
});
