import { type AttemptGuard, type AttemptPlace, clientPlace, type Logger, reservePlaces } from "@oa/platform";
import type { ProofAttempts } from "../../modules/proof/proof-attempts";
import { type AccountHolderDeps, type HolderProof, type VerifiedHolder, verifyAccountHolder } from "./account-holder";

export type HolderVerification =
  | { verified: true; holder: VerifiedHolder }
  | { verified: false; reason: "notVerified" }
  /** A budget refused before anything was checked: locked (its time left) or busy. */
  | { verified: false; reason: "tooManyAttempts"; retryAfterSeconds: number };

/** What a verification within its budgets uses: the holder's look-ups and the budgets it counts against. */
export interface HolderVerificationDeps extends AccountHolderDeps {
  clientAttempts: AttemptGuard;
  /** Failed verifications per tax id, account number and VIN. */
  proofAttempts: Pick<ProofAttempts, "placesFor">;
  logger: Logger;
}

/**
 * Verifies the holder (enrollment and recovery alike) inside a place on every budget it counts
 * against: the client address, the tax id, and the account number or VIN, all reserved before
 * the check. A failure counts on each; anything else gives them back. `flow` names the caller
 * in the log.
 */
export async function verifyHolderWithinLimits(
  deps: HolderVerificationDeps,
  clientAddress: string | null,
  proof: HolderProof,
  taxIdLookup: string,
  flow: string,
): Promise<HolderVerification> {
  const places: AttemptPlace[] = [
    ...clientPlace(deps.clientAttempts, clientAddress),
    ...deps.proofAttempts.placesFor({ taxIdLookup, accountNumber: proof.accountNumber, vin: proof.vin }),
  ];
  const reservation = await reservePlaces(places);
  if ("refused" in reservation) {
    const { state } = reservation.refused;
    deps.logger.warn(`${flow} refused: too many tries`, { budget: reservation.refused.name });
    return { verified: false, reason: "tooManyAttempts", retryAfterSeconds: state.locked ? state.retryAfterSeconds : 1 };
  }
  const { held } = reservation;
  try {
    const holder = await verifyAccountHolder(deps, proof, taxIdLookup);
    if (!holder) {
      await held.failed();
      return { verified: false, reason: "notVerified" };
    }
    await held.released();
    return { verified: true, holder };
  } finally {
    // A service that did not answer is not a failed verification.
    await held.released();
  }
}
