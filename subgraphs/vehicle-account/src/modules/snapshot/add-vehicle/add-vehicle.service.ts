import { type AttemptGuard, clientPlace, type ForwardedSession, type Logger, reservePlaces } from "@oa/platform";
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

/** Who asks: the session, and the client address the gateway saw (null for an internal call). */
export interface AddVehicleCaller {
  session: ForwardedSession;
  clientIp: string | null;
}

/**
 * addVehicle: validate, reserve a place on the user's, the account's (or VIN's) and the client's
 * budgets, find the account through its holder, add it once. A look-up that finds nothing counts
 * one failure on each budget; past a budget's limit the answer is TOO_MANY_ATTEMPTS.
 */
export class AddVehicleService {
  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly eligibility: EligibilityPolicy,
    private readonly attempts: AddVehicleAttempts,
    private readonly clientAttempts: AttemptGuard,
    private readonly logger: Logger,
  ) {}

  async add(caller: AddVehicleCaller, input: AddVehicleInput, heldAccounts: HeldAccountLoader): Promise<AddVehicleResult> {
    const { session } = caller;
    const parsed = parseAccountIdentifier(input);
    if (!parsed.ok) return AddVehicleRejected.of(AddVehicleRejection.INVALID_INPUT, parsed.message);

    const reservation = await reservePlaces([...clientPlace(this.clientAttempts, caller.clientIp), ...this.attempts.placesFor(session.userId, parsed.identifier)]);
    if ("refused" in reservation) {
      const { name, state } = reservation.refused;
      return this.tooManyAttempts(session.userId, name, state.locked ? state.retryAfterSeconds : 1);
    }
    const { held } = reservation;
    try {
      const found = await heldAccounts.load({ customerId: session.customerId, identifier: parsed.identifier, userId: session.userId });
      if (!found) {
        await held.failed();
        this.logger.info("addVehicle not verified", { userId: session.userId, by: parsed.identifier.kind });
        return AddVehicleRejected.of(AddVehicleRejection.NOT_VERIFIED, NOT_VERIFIED_MESSAGE);
      }
      await held.released();
      if (found.on_snapshot) return AddVehicleRejected.of(AddVehicleRejection.ALREADY_ADDED, ALREADY_ADDED_MESSAGE);
      const { reason } = this.eligibility.evaluate(found);
      if (reason) return AddVehicleRejected.of(AddVehicleRejection.INELIGIBLE_ACCOUNT, INELIGIBLE_MESSAGES[reason], reason);
      // A parallel add of the same account may have won since the look-up: it is added once.
      if (!(await this.snapshots.add(session.userId, found.id))) {
        return AddVehicleRejected.of(AddVehicleRejection.ALREADY_ADDED, ALREADY_ADDED_MESSAGE);
      }
      return VehicleAdded.of(toVehicleAccount(found));
    } finally {
      await held.released();
    }
  }

  private tooManyAttempts(userId: string, budget: string, retryAfterSeconds: number): AddVehicleResult {
    this.logger.warn("addVehicle refused: too many unverified tries", { userId, budget });
    const minutes = Math.ceil(retryAfterSeconds / 60);
    return AddVehicleRejected.of(
      AddVehicleRejection.TOO_MANY_ATTEMPTS,
      `Too many tries that could not be verified. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
}
