import type { IdentityContext } from "../../context";
import { taxIdLookup } from "../../modules/customer/tax-id";
import { codeOffersOnFile } from "../../modules/step-up/challenge-opening";
import { findLoginOfCustomer } from "../../modules/user/login-owner";
import { checkHolderProof } from "../enrollment/holder-proof-input";
import { verifyHolderWithinLimits } from "../enrollment/holder-verification";
import { openRecoveryChallenge } from "./recovery-challenge";
import type { StartRecoveryInput } from "./recovery.inputs";
import { recoveryRejections, type StartRecoveryOutcome } from "./recovery.outcomes";

/**
 * startRecovery, step by step; the first step that fails decides the answer:
 *   the input's form                                           → INVALID_INPUT (nothing counted)
 *   a place on the client's, the tax id's and the account's (or VIN's) budgets, the same ones
 *   enrollment uses                                            → TOO_MANY_ATTEMPTS (retryAfterSeconds)
 *   the account holder's verification, as at enrollment        → NOT_VERIFIED (a failure on each budget)
 *   no login for the verified person                           → NOT_ENROLLED
 *   no mobile phone or email on file                           → NO_CONTACT_ON_FILE (call SUPPORT_PHONE)
 *   the person's wrong recovery codes used up (decision 0012)  → TOO_MANY_ATTEMPTS (retryAfterSeconds)
 *   then a recovery challenge that offers the code methods on file, and no questions.
 * Only the form is answered before a verification counted against every budget; after it, no
 * more than enrollment tells the same person (whether they have a login, and here whether a
 * code can reach them): never the username, never which detail failed. An Auto account proves
 * who the person is whether or not it is eligible for the Snapshot.
 */
export async function startRecovery(context: IdentityContext, input: StartRecoveryInput): Promise<StartRecoveryOutcome> {
  const { services, loaders } = context;
  const checked = checkHolderProof(input);
  if (!checked.valid) return recoveryRejections.invalidInput(checked.message);
  const proof = checked.proof;

  const lookup = taxIdLookup(services.settings.lookupHmacKey, proof.taxIdDigits);
  const verification = await verifyHolderWithinLimits(context, proof, lookup, "recovery");
  if (!verification.verified) {
    return verification.reason === "tooManyAttempts" ? recoveryRejections.tooManyAttempts(verification.retryAfterSeconds) : recoveryRejections.notVerified();
  }
  const { customer } = verification.holder;

  const login = await findLoginOfCustomer(services.dataSource, customer.id);
  if (!login) return recoveryRejections.notEnrolled();
  const offers = codeOffersOnFile(await loaders.customerContact.load(customer.id));
  if (offers.length === 0) {
    services.logger.info("recovery refused: no contact on file", { userId: login.userId });
    return recoveryRejections.noContactOnFile(services.settings);
  }
  const subject = services.lockout.subjectOf(login.username);
  const codesLock = await services.lockout.check(services.lockout.recoverySubjectOf(subject));
  if (codesLock.locked) return recoveryRejections.codesUsedUp(services.settings, codesLock.retryAfterSeconds);

  const challenge = await openRecoveryChallenge(services.stepUpChallenges, login, subject, offers);
  services.logger.info("recovery started", { userId: login.userId });
  return { started: true, challenge };
}
