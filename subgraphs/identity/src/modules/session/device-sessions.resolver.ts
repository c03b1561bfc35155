import { badUserInput, isUuid, normaliseDeviceName } from "@oa/platform";
import { Arg, Authorized, Ctx, Directive, ID, Int, Mutation, Resolver } from "type-graphql";
import { internalCaller } from "../../access";
import type { IdentityContext } from "../../context";
import { sessionEndingOf } from "../../request-ports";
import { endDeviceSessions } from "./end-device-sessions";

/**
 * device-trust's call when a person removes a device (end-device-sessions.ts). `@inaccessible`:
 * never routed by the gateway; any caller but device-trust, or a credential made for another
 * field, gets FORBIDDEN.
 */
@Resolver()
export class DeviceSessionsResolver {
  @Authorized(internalCaller("device-trust"))
  @Directive("@inaccessible")
  @Mutation(() => Int, { description: "Ends the sessions and refresh tokens of a device being removed; answers how many sessions ended." })
  async endDeviceSessions(
    @Arg("userId", () => ID) userId: string,
    @Arg("deviceId", () => ID) deviceId: string,
    @Arg("deviceName") deviceName: string,
    @Arg("clientAddress", () => String, { nullable: true }) clientAddress: string | null,
    @Ctx() context: IdentityContext,
  ): Promise<number> {
    const name = normaliseDeviceName(deviceName);
    if (!isUuid(userId) || !isUuid(deviceId) || name === null) throw badUserInput("endDeviceSessions needs a user id, a device id and the device's name.");
    return endDeviceSessions(sessionEndingOf(context), { userId, deviceId, deviceName: name, clientAddress });
  }
}
