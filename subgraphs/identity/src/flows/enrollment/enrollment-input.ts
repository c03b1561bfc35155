import { AccountType } from "../../modules/enrollment/account-type";
import { say } from "../../modules/messages/messages";
import { checkSecurityAnswers, type GivenAnswer, type NormalisedAnswer } from "../../modules/security-question/security-answers-rule";
import { checkHolderProof, type HolderProofInput } from "./holder-proof-input";

/** What a person enrolls with (the contract's EnrollInput). */
export interface EnrollmentRequest extends HolderProofInput {
  username: string;
  password: string;
  securityAnswers: GivenAnswer[];
}

/** An enrollment whose input has the right form, normalised. */
export interface ValidEnrollment {
  accountType: AccountType;
  /** The 9 digits. */
  taxIdDigits: string;
  /** Trimmed, of platform's account-number rule; matched exactly. */
  accountNumber: string | null;
  /** Upper case. */
  vin: string | null;
  username: string;
  password: string;
  answers: NormalisedAnswer[];
}

export type InputCheck = { valid: true; enrollment: ValidEnrollment } | { valid: false; message: string };

// Far beyond any real value: these only keep absurd input away from the checks and the hashing.
const CREDENTIAL_MAX_LENGTH = 256;

const invalid = (message: string): InputCheck => ({ valid: false, message });

/** Checks the form of an enrollment (not whether it is true); `questionIds` is the catalog. */
export function checkEnrollInput(input: EnrollmentRequest, questionIds: ReadonlySet<string>): InputCheck {
  const proof = checkHolderProof(input);
  if (!proof.valid) return invalid(proof.message);
  const { taxIdDigits, accountNumber, vin } = proof.proof;

  if (input.username.length > CREDENTIAL_MAX_LENGTH) return invalid(say("enrollment.usernameTooLong"));
  if (input.password.length > CREDENTIAL_MAX_LENGTH) return invalid(say("enrollment.passwordTooLong"));

  const answers = checkSecurityAnswers(input.securityAnswers, questionIds);
  if (!answers.valid) return invalid(answers.message);

  return {
    valid: true,
    enrollment: {
      accountType: input.accountType,
      taxIdDigits,
      accountNumber,
      vin,
      username: input.username,
      password: input.password,
      answers: answers.answers,
    },
  };
}
