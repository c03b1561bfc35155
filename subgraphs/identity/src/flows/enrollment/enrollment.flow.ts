import type DataLoader from "dataloader";
import { checkPassword, checkPasswordAsTyped } from "../../modules/credentials/password-policy";
import { isValidUsername, usernameKey } from "../../modules/credentials/username-policy";
import { taxIdLookup } from "../../modules/customer/tax-id";
import type { SecurityQuestionCatalog } from "../../modules/security-question/security-question.service";
import { createLogin, type CreateLoginDeps } from "./create-login";
import { checkEnrollInput, type EnrollmentRequest } from "./enrollment-input";
import { type EnrollmentOutcome, enrollmentRefusals } from "./enrollment.outcome";
import { type HolderVerificationDeps, verifyHolderWithinLimits } from "./holder-verification";
import type { VehicleAccountCalls } from "./vehicle-account.calls";

/** What an enrollment uses, and nothing else (the verification's and the writing's: HolderVerificationDeps, CreateLoginDeps). */
export interface EnrollmentDeps extends HolderVerificationDeps, CreateLoginDeps {
  catalog: Pick<SecurityQuestionCatalog, "ids">;
  /** LOOKUP_HMAC_KEY: customers are found by their tax id's keyed hash. */
  lookupHmacKey: Buffer;
  /** The request's loaders of existing logins, by customer and by username key. */
  loginIdByCustomer: Pick<DataLoader<string, string | null>, "load" | "clear">;
  loginIdByUsernameKey: Pick<DataLoader<string, string | null>, "load" | "clear">;
  vehicleAccount: Pick<VehicleAccountCalls, "checkEnrollmentAccount" | "addToSnapshot" | "clearSnapshot">;
}

/**
 * Enrollment, step by step; the first step that fails decides the answer:
 *   the input's form                                   → INVALID_INPUT
 *   the username's and password's rules as typed       → INVALID_USERNAME, WEAK_PASSWORD
 *   a place on the client's, the tax id's and the account's (or VIN's) budgets → TOO_MANY_ATTEMPTS
 *   verification of the account holder                 → NOT_VERIFIED (one failure on each budget)
 *   eligibility, an existing login, the username taken → INELIGIBLE_ACCOUNT, ALREADY_ENROLLED, USERNAME_TAKEN
 *   the password's rules about the person on file      → WEAK_PASSWORD
 *   then the login is written.
 * Everything that can be judged from the input alone is judged before the verification, so no
 * answer tells a right tax id from a wrong one without a verification counted against it.
 */
export async function runEnrollment(deps: EnrollmentDeps, request: { clientAddress: string | null }, input: EnrollmentRequest): Promise<EnrollmentOutcome> {
  const checked = checkEnrollInput(input, await deps.catalog.ids());
  if (!checked.valid) return enrollmentRefusals.invalidInput(checked.message);
  const enrollment = checked.enrollment;
  if (!isValidUsername(enrollment.username)) return enrollmentRefusals.invalidUsername();
  const typedWeakness = checkPasswordAsTyped(enrollment.password, enrollment);
  if (typedWeakness) return enrollmentRefusals.weakPassword(typedWeakness.message);

  // The holder's verification within its budgets (shared with recovery), as enrollment answers it.
  const lookup = taxIdLookup(deps.lookupHmacKey, enrollment.taxIdDigits);
  const verification = await verifyHolderWithinLimits(deps, request.clientAddress, enrollment, lookup, "enrollment");
  if (!verification.verified) {
    return verification.reason === "tooManyAttempts" ? enrollmentRefusals.tooManyAttempts(verification.retryAfterSeconds) : enrollmentRefusals.notVerified();
  }
  const { customer, vehicleAccount } = verification.holder;

  if (vehicleAccount && !vehicleAccount.eligible) return enrollmentRefusals.ineligibleAccount();
  if (await deps.loginIdByCustomer.load(customer.id)) return enrollmentRefusals.alreadyEnrolled();
  if (await deps.loginIdByUsernameKey.load(usernameKey(enrollment.username))) return enrollmentRefusals.usernameTaken();
  const weakness = checkPassword(enrollment.password, {
    username: enrollment.username,
    firstName: customer.firstName,
    lastName: customer.lastName,
    dateOfBirth: customer.dateOfBirth,
    taxIdDigits: enrollment.taxIdDigits,
  });
  if (weakness) return enrollmentRefusals.weakPassword(weakness.message);

  const result = await createLogin(deps, enrollment, customer.id, vehicleAccount?.accountId ?? null, { clientAddress: request.clientAddress });
  if (!result.created) return result.conflict === "ALREADY_ENROLLED" ? enrollmentRefusals.alreadyEnrolled() : enrollmentRefusals.usernameTaken();
  deps.loginIdByCustomer.clear(customer.id);
  deps.loginIdByUsernameKey.clear(usernameKey(enrollment.username));
  deps.logger.info("enrolled", { userId: result.userId, accountType: enrollment.accountType });
  return { kind: "enrolled", username: enrollment.username };
}
