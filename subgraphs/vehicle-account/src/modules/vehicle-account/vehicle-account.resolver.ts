import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { VehicleAccountContext } from "../../context";
import { SnapshotEligibility } from "../eligibility/eligibility.type";
import { VehicleAccount } from "./vehicle-account.type";

@Resolver(() => VehicleAccount)
export class VehicleAccountResolver {
  /** Computed on every read from the account as it is now: never stored. */
  @FieldResolver(() => SnapshotEligibility, { description: "Whether the account may be on a Snapshot, and why not." })
  snapshotEligibility(@Root() account: VehicleAccount, @Ctx() context: VehicleAccountContext): SnapshotEligibility {
    return context.services.eligibility.evaluate(account);
  }
}

/** `_entities` look-ups of VehicleAccount: only an account the session's customer holds. */
export const vehicleAccountReference = {
  __resolveReference: (reference: { id: string }, context: VehicleAccountContext) => context.loaders.vehicleAccount.load(reference.id),
};
