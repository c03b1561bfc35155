import type { IdentityContext } from "../../context";
import { checkPassword } from "../../modules/credentials/password-policy";
import { isValidUsername, usernameKey } from "../../modules/credentials/username-policy";
import { taxIdLookup } from "../../modules/customer/tax-id";
import type { EnrollInput } from "../../modules/enrollment/enroll.input";
import { EnrollmentRejection } from "../../modules/enrollment/enrollment-rejection";
import { type VerifiedHolder, verifyAccountHolder } from "./account-holder";
import { createLogin } from "./create-login";
import { checkEnrollInput, type ValidEnrollment } from "./enrollment-input";
import { type EnrollmentOutcome, enrolled, rejected, tooManyAttempts } from "./enrollment.outcomes";

/**
 * Enrollment, step by step: the input's form, the tax id's attempt limit, verification of the
 * account holder, eligibility, an existing login, the username, the password, then the login
 * is written. The first step that fails decides the answer.
 */
export async function runEnrollment(context: IdentityContext, input: EnrollInput): Promise<EnrollmentOutcome> {
  const { services } = context;
  const checked = checkEnrollInput(input, await services.catalog.ids());
  if (!checked.valid) return rejected(EnrollmentRejection.INVALID_INPUT, checked.message);
  const enrollment = checked.enrollment;

  const lookup = taxIdLookup(services.settings.lookupHmacKey, enrollment.taxIdDigits);
  const verification = await verifyWithinLimit(context, enrollment, lookup);
  if (!verification.verified) return verification.outcome;
  const { customer, vehicleAccount } = verification.holder;

  if (vehicleAccount && !vehicleAccount.eligible) return rejected(EnrollmentRejection.INELIGIBLE_ACCOUNT);
  if (await context.loaders.loginIdByCustomer.load(customer.id)) return rejected(EnrollmentRejection.ALREADY_ENROLLED);
  if (!isValidUsername(enrollment.username)) return rejected(EnrollmentRejection.INVALID_USERNAME);
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

  const result = await createLogin(services, enrollment, customer.id, vehicleAccount?.accountId ?? null);
  if (!result.created) return rejected(EnrollmentRejection[result.conflict]);
  context.loaders.loginIdByCustomer.clear(customer.id);
  context.loaders.loginIdByUsernameKey.clear(usernameKey(enrollment.username));
  services.logger.info("enrolled", { userId: result.userId, accountType: enrollment.accountType });
  return enrolled(enrollment.username);
}

type Verification = { verified: true; holder: VerifiedHolder } | { verified: false; outcome: EnrollmentOutcome };

/** Verifies the holder inside one of the tax id's attempt slots; a failure keeps the slot. */
async function verifyWithinLimit(context: IdentityContext, enrollment: ValidEnrollment, lookup: string): Promise<Verification> {
  const attempts = context.services.enrollmentAttempts;
  const reservation = await attempts.reserve(lookup);
  if (reservation.locked) return { verified: false, outcome: tooManyAttempts(reservation.retryAfterSeconds) };
  if (reservation.busy) return { verified: false, outcome: tooManyAttempts(1) };

  let holder: VerifiedHolder | null;
  try {
    holder = await verifyAccountHolder(context, enrollment, lookup);
  } catch (error) {
    // A service that did not answer is not a failed verification.
    await attempts.release(lookup);
    throw error;
  }
  if (!holder) {
    await attempts.failed(lookup);
    return { verified: false, outcome: rejected(EnrollmentRejection.NOT_VERIFIED) };
  }
  await attempts.release(lookup);
  return { verified: true, holder };
}
