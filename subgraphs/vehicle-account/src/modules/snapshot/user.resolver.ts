import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { VehicleAccountContext } from "../../context";
import { VehicleAccount } from "../vehicle-account/vehicle-account.type";
import { User, type UserReference } from "./user.type";

@Resolver(() => User)
export class UserResolver {
  /** Only the signed-in user's own Snapshot is served; any other user's is empty. */
  @FieldResolver(() => [VehicleAccount])
  async vehicleAccounts(@Root() user: UserReference, @Ctx() context: VehicleAccountContext): Promise<VehicleAccount[]> {
    if (!context.session || user.id !== context.session.userId || typeof user.customerId !== "string") return [];
    return context.loaders.snapshot.load({ userId: user.id, customerId: user.customerId });
  }
}

/** The representation carries all this subgraph needs (id and customerId): nothing to look up. */
export const userReference = {
  __resolveReference: (reference: UserReference): UserReference => ({ id: reference.id, customerId: reference.customerId }),
};
