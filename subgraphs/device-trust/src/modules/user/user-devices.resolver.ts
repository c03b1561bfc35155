import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { DeviceTrustContext } from "../../context";
import { Device } from "../device/device.type";
import { User } from "./user.type";

@Resolver(() => User)
export class UserDevicesResolver {
  @FieldResolver(() => [Device], { description: "The registered devices that skip step-up, newest first." })
  async devices(@Root() user: User, @Ctx() context: DeviceTrustContext): Promise<Device[]> {
    // Only ever the signed-in user's own devices, whatever User the plan asks about.
    if (!context.session || user.id !== context.session.userId) return [];
    return context.loaders.userDevices.load(user.id);
  }
}

/** A User reference needs no look-up here: the id is all device-trust knows of a user. */
export const userReference = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
};
