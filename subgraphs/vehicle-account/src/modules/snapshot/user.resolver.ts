import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { VehicleAccountContext } from "../../context";
import { VehicleAccount } from "../vehicle-account/vehicle-account.type";
import { User, type UserReference } from "./user.type";

@Resolver(() => User)
export class UserResolver {
  /**
   * Only the signed-in user's own Snapshot is served; any other user's is empty. The holder role is
   * the session's customer's: the representation's customerId is whatever the caller sent.
   */
  @FieldResolver(() => [VehicleAccount])
  async vehicleAccounts(@Root() user: UserReference, @Ctx() context: VehicleAccountContext): Promise<VehicleAccount[]> {
    if (!context.session || user.id !== context.session.userId) return [];
    return context.loaders.snapshot.load({ userId: context.session.userId, customerId: context.session.customerId });
  }
}

/** Nothing to look up: `vehicleAccounts` reads the id, and takes the customer from the session. */
export const userReference = {
  __resolveReference: (reference: UserReference): UserReference => ({ id: reference.id, customerId: reference.customerId }),
};
