import { unauthenticated } from "@oa/platform";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { VehicleAccountContext } from "../../../context";
import { AddVehicleInput } from "./add-vehicle.input";
import { AddVehicleResult } from "./add-vehicle.result";

@Resolver()
export class AddVehicleResolver {
  @Mutation(() => AddVehicleResult, { description: "Adds a vehicle account the signed-in user holds to their Snapshot. Needs a session." })
  addVehicle(
    @Arg("input", () => AddVehicleInput, { description: "The account number or the VIN of the vehicle account." }) input: AddVehicleInput,
    @Ctx() context: VehicleAccountContext,
  ): Promise<AddVehicleResult> {
    if (!context.session) throw unauthenticated();
    return context.services.addVehicle.add({ session: context.session, clientIp: context.credential.clientIp }, input, context.loaders.heldAccount);
  }
}
