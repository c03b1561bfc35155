import { unauthenticated } from "@oa/platform";
import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { DeviceTrustContext } from "../../context";
import { Device } from "./device.type";
import { DeviceNotFound, DeviceRemoved, RemoveDeviceResult } from "./remove-device-result.type";

@Resolver(() => Device)
export class DeviceResolver {
  @Directive("@shareable")
  @FieldResolver(() => Boolean, { description: "True for the device of the current session." })
  current(@Root() device: Device, @Ctx() context: DeviceTrustContext): boolean {
    return device.id === context.session?.deviceId;
  }

  @Mutation(() => RemoveDeviceResult, { description: "Stops trusting one of the signed-in user's registered devices. Needs a session." })
  async removeDevice(
    @Arg("id", () => ID) id: string,
    @Ctx() context: DeviceTrustContext,
  ): Promise<typeof RemoveDeviceResult> {
    if (!context.session) throw unauthenticated();
    const removed = await context.services.devices.remove(context.session.userId, id);
    return removed ? new DeviceRemoved(id) : new DeviceNotFound(id);
  }
}

/** `_entities` look-ups of Device go through the per-request loader: only the session's own devices. */
export const deviceReference = {
  __resolveReference: (reference: { id: string }, context: DeviceTrustContext) => context.loaders.device.load(reference.id),
};
