import { createHmac } from "node:crypto";
import { AttemptGuard, type AttemptPlace, KeySpace, type RedisClient } from "@oa/platform";

/** Failed verifications one tax id, one account number or one VIN may have before it is refused. */
export const PROOF_MAX_FAILURES = 5;
/** The window those failures count in (from the first), and how long the refusal lasts. */
export const PROOF_LOCK_SECONDS = 15 * 60;

/** What a person offers to prove who they are (at enrollment, and at recovery). */
export interface ProofOffered {
  /** The keyed HMAC of the tax id. */
  taxIdLookup: string;
  /** As normalised for look-up, or null. */
  accountNumber: string | null;
  vin: string | null;
}

export type ProofTarget = "taxId" | "account" | "vin";

/**
 * Failed identity verifications, counted per target: per tax id, per account number and per VIN,
 * so that neither many accounts against one tax id nor many tax ids against one account (or VIN)
 * get more than PROOF_MAX_FAILURES tries. Redis holds only keyed hashes of them, never the values.
 */
export class ProofAttempts {
  private readonly guard: AttemptGuard;

  constructor(
    redis: RedisClient,
    keyPrefix: string,
    /** LOOKUP_HMAC_KEY: account numbers and VINs are keyed by their HMAC. */
    private readonly subjectKey: Buffer,
    maxFailures = PROOF_MAX_FAILURES,
    lockSeconds = PROOF_LOCK_SECONDS,
  ) {
    this.guard = new AttemptGuard(redis, new KeySpace(keyPrefix, "identity"), "proof", { maxFailures, lockSeconds });
  }

  /** The budgets one verification is counted against, tax id first. */
  placesFor(proof: ProofOffered): AttemptPlace<ProofTarget>[] {
    const places: AttemptPlace<ProofTarget>[] = [{ name: "taxId", guard: this.guard, subject: `taxid:${proof.taxIdLookup}` }];
    // Case and spaces do not make another account number's budget.
    const account = proof.accountNumber?.toUpperCase().replace(/\s+/g, "") ?? null;
    if (account !== null) places.push({ name: "account", guard: this.guard, subject: `account:${this.hash("account", account)}` });
    if (proof.vin !== null) places.push({ name: "vin", guard: this.guard, subject: `vin:${this.hash("vin", proof.vin)}` });
    return places;
  }

  private hash(kind: string, value: string): string {
    return createHmac("sha256", this.subjectKey).update(`${kind}:${value}`, "utf8").digest("hex").slice(0, 40);
  }
}
