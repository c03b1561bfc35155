import { ACCOUNT_NUMBER_RULE, normaliseAccountNumber, normaliseTaxId, normaliseVin, VIN_RULE } from "@oa/platform";
import { normaliseAnswer } from "../../modules/credentials/answer-normalisation";
import { AccountType } from "../../modules/enrollment/account-type";
import type { EnrollInput } from "../../modules/enrollment/enroll.input";

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
  answers: { questionId: string; normalisedAnswer: string }[];
}

export type InputCheck = { valid: true; enrollment: ValidEnrollment } | { valid: false; message: string };

export const SECURITY_ANSWER_COUNT = 3;
export const ANSWER_MAX_LENGTH = 100;
// Far beyond any real value: these only keep absurd input away from the checks and the hashing.
const CREDENTIAL_MAX_LENGTH = 256;

const invalid = (message: string): InputCheck => ({ valid: false, message });

/** Checks the form of an enrollment (not whether it is true); `questionIds` is the catalog. */
export function checkEnrollInput(input: EnrollInput, questionIds: ReadonlySet<string>): InputCheck {
  const taxIdDigits = normaliseTaxId(input.taxId);
  if (!taxIdDigits) return invalid("Enter your SSN or Tax ID as 9 digits.");

  const accountNumber = present(input.accountNumber);
  const givenVin = present(input.vin);
  if (input.accountType === AccountType.AUTO) {
    if ((accountNumber === null) === (givenVin === null)) return invalid("Enter either the account number or the VIN of your Auto account.");
  } else {
    if (givenVin !== null) return invalid("A VIN is only for Auto accounts.");
    if (accountNumber === null) return invalid("Enter your account number.");
  }
  // The same rules as the records import and addVehicle, so any imported account can be named.
  if (accountNumber !== null && normaliseAccountNumber(accountNumber) === null) return invalid(`An account number is ${ACCOUNT_NUMBER_RULE}.`);
  const vin = givenVin === null ? null : normaliseVin(givenVin);
  if (givenVin !== null && vin === null) return invalid(`A VIN is ${VIN_RULE}.`);

  if (input.username.length > CREDENTIAL_MAX_LENGTH) return invalid("The username is too long.");
  if (input.password.length > CREDENTIAL_MAX_LENGTH) return invalid("The password is too long.");

  const answers = input.securityAnswers;
  if (answers.length !== SECURITY_ANSWER_COUNT) return invalid("Answer exactly three security questions.");
  const chosen = new Set(answers.map((answer) => answer.questionId));
  if (chosen.size !== SECURITY_ANSWER_COUNT || [...chosen].some((id) => !questionIds.has(id))) {
    return invalid("Choose three different questions from the list.");
  }
  const normalised = answers.map((answer) => ({ questionId: answer.questionId, normalisedAnswer: normaliseAnswer(answer.answer) }));
  if (normalised.some(({ normalisedAnswer }) => normalisedAnswer === "" || [...normalisedAnswer].length > ANSWER_MAX_LENGTH)) {
    return invalid(`Each answer must be 1 to ${ANSWER_MAX_LENGTH} characters.`);
  }

  return {
    valid: true,
    enrollment: {
      accountType: input.accountType,
      taxIdDigits,
      accountNumber,
      vin,
      username: input.username,
      password: input.password,
      answers: normalised,
    },
  };
}

/** A value with surrounding spaces removed; null when nothing is left. */
function present(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}
