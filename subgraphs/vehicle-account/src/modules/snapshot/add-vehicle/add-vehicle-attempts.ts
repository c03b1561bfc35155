import { createHmac } from "node:crypto";
import { AttemptGuard, type AttemptPlace, KeySpace, type RedisClient } from "@oa/platform";
import type { AccountIdentifier } from "../../vehicle-account/account-identifier";

/** How many NOT_VERIFIED answers a user, or an account number or VIN, gets, and for how long they count and then block. */
export interface AttemptLimit {
  maxFailures: number;
  windowSeconds: number;
}

/** 5 unverified look-ups within 15 minutes block addVehicle for 15 minutes. */
export const DEFAULT_ATTEMPT_LIMIT: AttemptLimit = { maxFailures: 5, windowSeconds: 15 * 60 };

export type AddVehicleBudget = "user" | "account";

/**
 * addVehicle look-ups that did not verify, per signed-in user and per account number or VIN
 * (with the client address's budget, shared with every guarded flow, beside them). A look-up
 * reserves its place first, like every guarded check, so a parallel burst gets exactly the
 * failures left; a verified one gives its place back. Redis holds only keyed hashes of account
 * numbers and VINs.
 */
export class AddVehicleAttempts {
  private readonly guard: AttemptGuard;

  constructor(
    redis: RedisClient,
    prefix: string,
    /** LOOKUP_HMAC_KEY. */
    private readonly subjectKey: Buffer,
    limit: AttemptLimit = DEFAULT_ATTEMPT_LIMIT,
  ) {
    this.guard = new AttemptGuard(redis, new KeySpace(prefix, "vehicle-account"), "add-vehicle", {
      maxFailures: limit.maxFailures,
      lockSeconds: limit.windowSeconds,
    });
  }

  placesFor(userId: string, identifier: AccountIdentifier): AttemptPlace<AddVehicleBudget>[] {
    // Case and spaces do not make another account number's budget (a VIN is upper case already).
    const value = identifier.value.toUpperCase().replace(/\s+/g, "");
    const hash = createHmac("sha256", this.subjectKey).update(`${identifier.kind}:${value}`, "utf8").digest("hex").slice(0, 40);
    return [
      { name: "user", guard: this.guard, subject: `user:${userId.toLowerCase()}` },
      { name: "account", guard: this.guard, subject: `${identifier.kind}:${hash}` },
    ];
  }
}
