import { unauthenticated } from "@oa/platform";
import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { DeviceTrustContext } from "../../context";
import { Device } from "./device.type";
import { endDeviceSessions } from "./identity.calls";
import { DeviceNotFound, DeviceRemoved, RemoveDeviceResult } from "./remove-device-result.type";

@Resolver(() => Device)
export class DeviceResolver {
  @Directive("@shareable")
  @FieldResolver(() => Boolean, { description: "True for the device of the current session." })
  current(@Root() device: Device, @Ctx() context: DeviceTrustContext): boolean {
    return device.id === context.session?.deviceId;
  }

  @Mutation(() => RemoveDeviceResult, {
    description: "Stops trusting one of the signed-in user's registered devices, and ends the sessions and\n" + "refresh tokens opened on it. Needs a session.",
  })
  async removeDevice(@Arg("id", () => ID, { description: "The device's id (Device.id)." }) id: string, @Ctx() context: DeviceTrustContext): Promise<typeof RemoveDeviceResult> {
    if (!context.session) throw unauthenticated();
    const { userId } = context.session;
    const device = await context.services.devices.findOwned(userId, id);
    if (!device) return new DeviceNotFound(id);
    // Its sessions and refresh tokens end first, so no device is removed while a session on it
    // lives on: when identity cannot end them, the call fails and the device stays (decision 0017).
    await endDeviceSessions(context.services.identity, { userId, deviceId: device.id, deviceName: device.name, clientAddress: context.credential.clientIp });
    const removed = await context.services.devices.remove(userId, device.id);
    return removed ? new DeviceRemoved(id) : new DeviceNotFound(id);
  }
}

/** `_entities` look-ups of Device go through the per-request loader: only the session's own devices. */
export const deviceReference = {
  __resolveReference: (reference: { id: string }, context: DeviceTrustContext) => context.loaders.device.load(reference.id),
};
