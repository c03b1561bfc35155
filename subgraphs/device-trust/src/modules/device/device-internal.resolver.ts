import { requireInternalCaller } from "@oa/platform";
import { Arg, Args, Ctx, Directive, ID, Mutation, Query, Resolver } from "type-graphql";
import type { DeviceTrustContext } from "../../context";
import { RegisterDeviceArgs, UseTrustedDeviceArgs } from "./device-internal.args";
import { DeviceRegistration } from "./device-registration.type";
import { TrustedDevice } from "./trusted-device.type";

/**
 * identity's calls, made directly with a credential identity signs for each call and the one field
 * it calls. `@inaccessible` keeps them out of the public API, so the gateway never routes a client
 * to them; any other caller, or a credential made for another field, is refused with FORBIDDEN.
 */
@Resolver()
export class DeviceInternalResolver {
  @Directive("@inaccessible")
  @Mutation(() => DeviceRegistration, { description: "Registers a device for a user; the token is returned here only (stored as a hash)." })
  registerDevice(@Args() { userId, name, platform }: RegisterDeviceArgs, @Ctx() context: DeviceTrustContext): Promise<DeviceRegistration> {
    requireInternalCaller(context.credential, "identity", "registerDevice");
    return context.services.devices.register(userId, name, platform);
  }

  @Directive("@inaccessible")
  @Query(() => TrustedDevice, {
    nullable: true,
    description: "The device when deviceToken is a live registration of userId, else null. Changes nothing (asked before the password is checked).",
  })
  trustedDevice(@Args() { userId, deviceToken }: UseTrustedDeviceArgs, @Ctx() context: DeviceTrustContext): Promise<TrustedDevice | null> {
    requireInternalCaller(context.credential, "identity", "trustedDevice");
    return context.services.devices.findTrusted(userId, deviceToken);
  }

  @Directive("@inaccessible")
  @Query(() => [ID], { description: "The ids of userId's registered devices (identity lifts their locks at a password reset or a support unlock)." })
  registeredDeviceIds(@Arg("userId", () => ID) userId: string, @Ctx() context: DeviceTrustContext): Promise<string[]> {
    requireInternalCaller(context.credential, "identity", "registeredDeviceIds");
    return context.services.devices.idsOf(userId);
  }

  @Directive("@inaccessible")
  @Mutation(() => ID, {
    nullable: true,
    description: "The device id when deviceToken is a live registration of userId (and stamps lastUsedAt), else null.",
  })
  useTrustedDevice(@Args() { userId, deviceToken }: UseTrustedDeviceArgs, @Ctx() context: DeviceTrustContext): Promise<string | null> {
    requireInternalCaller(context.credential, "identity", "useTrustedDevice");
    return context.services.devices.useTrusted(userId, deviceToken);
  }
}
