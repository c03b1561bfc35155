import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { CustomerContact } from "../../modules/customer/customer-contact.loader";
import { taxIdLookup } from "../../modules/customer/tax-id";
import type { LoginLockout } from "../../modules/lockout/login-lockout";
import { codeOffersOnFile } from "../../modules/step-up/challenge-opening";
import type { StepUpChallengeStore } from "../../modules/step-up/step-up-challenge.store";
import { findLoginOfCustomer } from "../../modules/user/login-owner";
import { type HolderProofInput, checkHolderProof } from "../enrollment/holder-proof-input";
import { type HolderVerificationDeps, verifyHolderWithinLimits } from "../enrollment/holder-verification";
import { openRecoveryChallenge } from "./recovery-challenge";
import { recoveryRefusals, type StartRecoveryOutcome } from "./recovery.outcome";

/** What starting a recovery uses, and nothing else (the holder's verification, enrollment's: HolderVerificationDeps). */
export interface StartRecoveryDeps extends HolderVerificationDeps {
  /** LOOKUP_HMAC_KEY: customers are found by their tax id's keyed hash. */
  lookupHmacKey: Buffer;
  /** Finds the verified person's login (findLoginOfCustomer). */
  dataSource: DataSource;
  /** The request's loader of the contacts on file. */
  contacts: Pick<DataLoader<string, CustomerContact | null>, "load">;
  /** The person's budget the challenge counts against, and their recovery budget's lock. */
  lockout: LoginLockout;
  challengeStore: Pick<StepUpChallengeStore, "open">;
  supportPhone: string;
}

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
export async function startRecovery(deps: StartRecoveryDeps, request: { clientAddress: string | null }, input: HolderProofInput): Promise<StartRecoveryOutcome> {
  const checked = checkHolderProof(input);
  if (!checked.valid) return recoveryRefusals.invalidInput(checked.message);
  const proof = checked.proof;

  const lookup = taxIdLookup(deps.lookupHmacKey, proof.taxIdDigits);
  const verification = await verifyHolderWithinLimits(deps, request.clientAddress, proof, lookup, "recovery");
  if (!verification.verified) {
    return verification.reason === "tooManyAttempts" ? recoveryRefusals.tooManyAttempts(verification.retryAfterSeconds) : recoveryRefusals.notVerified();
  }
  const { customer } = verification.holder;

  const login = await findLoginOfCustomer(deps.dataSource, customer.id);
  if (!login) return recoveryRefusals.notEnrolled();
  const offers = codeOffersOnFile(await deps.contacts.load(customer.id));
  if (offers.length === 0) {
    deps.logger.info("recovery refused: no contact on file", { userId: login.userId });
    return recoveryRefusals.noContactOnFile(deps.supportPhone);
  }
  const subject = deps.lockout.subjectOf(login.username);
  const codesLock = await deps.lockout.check(deps.lockout.recoverySubjectOf(subject));
  if (codesLock.locked) return recoveryRefusals.codesUsedUp(deps.supportPhone, codesLock.retryAfterSeconds);

  const challenge = await openRecoveryChallenge(deps.challengeStore, login, subject, offers);
  deps.logger.info("recovery started", { userId: login.userId });
  return { kind: "started", challenge };
}
