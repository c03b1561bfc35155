import type { ForwardedSession, Logger } from "@oa/platform";
import type { EligibilityPolicy, IneligibilityReason } from "../../eligibility/eligibility";
import { parseAccountIdentifier } from "../../vehicle-account/account-identifier";
import type { HeldAccountLoader } from "../../vehicle-account/held-account.loader";
import { toVehicleAccount } from "../../vehicle-account/vehicle-account.row";
import type { SnapshotRepository } from "../snapshot.repository";
import type { AddVehicleAttempts } from "./add-vehicle-attempts";
import type { AddVehicleInput } from "./add-vehicle.input";
import { AddVehicleRejected, AddVehicleRejection, type AddVehicleResult, VehicleAdded } from "./add-vehicle.result";

// One message for an unknown account and for someone else's: the answer never tells them apart.
const NOT_VERIFIED_MESSAGE = "We could not find a vehicle account of yours with those details.";
const ALREADY_ADDED_MESSAGE = "This vehicle is already on your Snapshot.";
const INELIGIBLE_MESSAGES: Record<IneligibilityReason, string> = {
  PAID_IN_FULL: "This vehicle account is paid in full, so it cannot be added to your Snapshot.",
  LEASE_VEHICLE_RETURNED: "The vehicle on this lease was returned, so it cannot be added to your Snapshot.",
  ACCOUNT_CLOSED: "This vehicle account is closed, so it cannot be added to your Snapshot.",
  ACCOUNT_CANCELED: "This vehicle account was canceled, so it cannot be added to your Snapshot.",
  CREDITOR_NOT_AUTHORIZED: "This vehicle account's creditor does not offer online access, so it cannot be added to your Snapshot.",
};

/** addVehicle: validate, find the account through its holder, limit unverified tries, add it once. */
export class AddVehicleService {
  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly eligibility: EligibilityPolicy,
    private readonly attempts: AddVehicleAttempts,
    private readonly logger: Logger,
  ) {}

  async add(session: ForwardedSession, input: AddVehicleInput, heldAccounts: HeldAccountLoader): Promise<AddVehicleResult> {
    const parsed = parseAccountIdentifier(input);
    if (!parsed.ok) return AddVehicleRejected.of(AddVehicleRejection.INVALID_INPUT, parsed.message);

    const before = await this.attempts.check(session.userId);
    if (before.blocked) return this.tooManyAttempts(session.userId, before.retryAfterSeconds);

    const found = await heldAccounts.load({ customerId: session.customerId, identifier: parsed.identifier, userId: session.userId });
    if (!found) {
      const after = await this.attempts.countFailure(session.userId);
      if (after.blocked) return this.tooManyAttempts(session.userId, after.retryAfterSeconds);
      this.logger.info("addVehicle not verified", { userId: session.userId, by: parsed.identifier.kind });
      return AddVehicleRejected.of(AddVehicleRejection.NOT_VERIFIED, NOT_VERIFIED_MESSAGE);
    }

    if (found.on_snapshot) return AddVehicleRejected.of(AddVehicleRejection.ALREADY_ADDED, ALREADY_ADDED_MESSAGE);
    const { reason } = this.eligibility.evaluate(found);
    if (reason) return AddVehicleRejected.of(AddVehicleRejection.INELIGIBLE_ACCOUNT, INELIGIBLE_MESSAGES[reason], reason);
    // A parallel add of the same account may have won since the look-up: it is added once.
    if (!(await this.snapshots.add(session.userId, found.id))) {
      return AddVehicleRejected.of(AddVehicleRejection.ALREADY_ADDED, ALREADY_ADDED_MESSAGE);
    }
    return VehicleAdded.of(toVehicleAccount(found));
  }

  private tooManyAttempts(userId: string, retryAfterSeconds: number): AddVehicleResult {
    this.logger.warn("addVehicle refused: too many unverified tries", { userId });
    const minutes = Math.ceil(retryAfterSeconds / 60);
    return AddVehicleRejected.of(
      AddVehicleRejection.TOO_MANY_ATTEMPTS,
      `Too many tries that could not be verified. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
}
