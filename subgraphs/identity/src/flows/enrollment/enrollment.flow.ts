import type { IdentityContext } from "../../context";
import { checkPassword, checkPasswordAsTyped } from "../../modules/credentials/password-policy";
import { isValidUsername, usernameKey } from "../../modules/credentials/username-policy";
import { taxIdLookup } from "../../modules/customer/tax-id";
import type { EnrollInput } from "../../modules/enrollment/enroll.input";
import { EnrollmentRejection } from "../../modules/enrollment/enrollment-rejection";
import type { VerifiedHolder } from "./account-holder";
import { createLogin } from "./create-login";
import { checkEnrollInput, type ValidEnrollment } from "./enrollment-input";
import { verifyHolderWithinLimits } from "./holder-verification";
import { type EnrollmentOutcome, enrolled, rejected, tooManyAttempts } from "./enrollment.outcomes";

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
export async function runEnrollment(context: IdentityContext, input: EnrollInput): Promise<EnrollmentOutcome> {
  const { services } = context;
  const checked = checkEnrollInput(input, await services.catalog.ids());
  if (!checked.valid) return rejected(EnrollmentRejection.INVALID_INPUT, checked.message);
  const enrollment = checked.enrollment;
  if (!isValidUsername(enrollment.username)) return rejected(EnrollmentRejection.INVALID_USERNAME);
  const typedWeakness = checkPasswordAsTyped(enrollment.password, enrollment);
  if (typedWeakness) return rejected(EnrollmentRejection.WEAK_PASSWORD, typedWeakness.message);

  const lookup = taxIdLookup(services.settings.lookupHmacKey, enrollment.taxIdDigits);
  const verification = await verifyWithinLimits(context, enrollment, lookup);
  if (!verification.verified) return verification.outcome;
  const { customer, vehicleAccount } = verification.holder;

  if (vehicleAccount && !vehicleAccount.eligible) return rejected(EnrollmentRejection.INELIGIBLE_ACCOUNT);
  if (await context.loaders.loginIdByCustomer.load(customer.id)) return rejected(EnrollmentRejection.ALREADY_ENROLLED);
  if (await context.loaders.loginIdByUsernameKey.load(usernameKey(enrollment.username))) {
    return rejected(EnrollmentRejection.USERNAME_TAKEN);
  }
  const weakness = checkPassword(enrollment.password, {
    username: enrollment.username,
    firstName: customer.firstName,
    lastName: customer.lastName,
    dateOfBirth: customer.dateOfBirth,
    taxIdDigits: enrollment.taxIdDigits,
  });
  if (weakness) return rejected(EnrollmentRejection.WEAK_PASSWORD, weakness.message);

  const result = await createLogin(services, enrollment, customer.id, vehicleAccount?.accountId ?? null, { clientAddress: context.credential.clientIp });
  if (!result.created) return rejected(EnrollmentRejection[result.conflict]);
  context.loaders.loginIdByCustomer.clear(customer.id);
  context.loaders.loginIdByUsernameKey.clear(usernameKey(enrollment.username));
  services.logger.info("enrolled", { userId: result.userId, accountType: enrollment.accountType });
  return enrolled(enrollment.username);
}

type Verification = { verified: true; holder: VerifiedHolder } | { verified: false; outcome: EnrollmentOutcome };

/** The holder's verification within its budgets (shared with recovery), as enrollment answers it. */
async function verifyWithinLimits(context: IdentityContext, enrollment: ValidEnrollment, lookup: string): Promise<Verification> {
  const verification = await verifyHolderWithinLimits(context, enrollment, lookup, "enrollment");
  if (verification.verified) return verification;
  if (verification.reason === "tooManyAttempts") return { verified: false, outcome: tooManyAttempts(verification.retryAfterSeconds) };
  return { verified: false, outcome: rejected(EnrollmentRejection.NOT_VERIFIED) };
}
