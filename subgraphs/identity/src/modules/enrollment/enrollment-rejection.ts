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
  description: "Why an enrollment was refused.",
  valuesConfig: {
    NOT_VERIFIED: { description: "The tax id and account do not match an account holder (or no such account)." },
    ALREADY_ENROLLED: { description: "This person already has online credentials." },
    USERNAME_TAKEN: { description: "Someone has that username already, without regard to case." },
    INVALID_USERNAME: { description: "The username is not 6 to 32 letters, digits, dots, dashes or underscores." },
    WEAK_PASSWORD: { description: "The password breaks a password rule; the message says which." },
    INELIGIBLE_ACCOUNT: {
      description: "The account exists and is the person's, but is not eligible (e.g. an Auto account paid in full).",
    },
    TOO_MANY_ATTEMPTS: { description: "Too many tries lately for this tax id, account number or VIN, or from this client; try later." },
    INVALID_INPUT: {
      description: "A field is malformed or missing (the tax id's form, exactly one of accountNumber and vin, the security answers); the message says which.",
    },
  },
});
