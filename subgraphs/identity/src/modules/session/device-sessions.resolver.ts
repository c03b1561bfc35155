import { badUserInput, isUuid, normaliseDeviceName, requireInternalCaller } from "@oa/platform";
import { Arg, Ctx, Directive, ID, Int, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { SecurityEventKind } from "../security-event/security-event-kind";
import { endSessions } from "./end-sessions";

/**
 * device-trust's call when a person removes a device, before it deletes the device: ends the
 * sessions and refresh tokens opened on it (and bars new ones a sign-in under way would open),
 * recording DEVICE_REMOVED with the device's name. `@inaccessible`: never routed by the gateway;
 * any caller but device-trust, or a credential made for another field, gets FORBIDDEN.
 */
@Resolver()
export class DeviceSessionsResolver {
  @Directive("@inaccessible")
  @Mutation(() => Int, { description: "Ends the sessions and refresh tokens of a device being removed; answers how many sessions ended." })
  async endDeviceSessions(
    @Arg("userId", () => ID) userId: string,
    @Arg("deviceId", () => ID) deviceId: string,
    @Arg("deviceName") deviceName: string,
    @Arg("clientAddress", () => String, { nullable: true }) clientAddress: string | null,
    @Ctx() context: IdentityContext,
  ): Promise<number> {
    requireInternalCaller(context.credential, "device-trust", "endDeviceSessions");
    const name = normaliseDeviceName(deviceName);
    if (!isUuid(userId) || !isUuid(deviceId) || name === null) throw badUserInput("endDeviceSessions needs a user id, a device id and the device's name.");
    const origin = { deviceId, deviceName: name, clientAddress };
    // Recorded before the change, so no removal goes unrecorded.
    await context.services.securityEvents.record({ userId, kind: SecurityEventKind.DEVICE_REMOVED, ...origin });
    const ended = await endSessions(context.services, userId, { deviceId }, origin);
    context.services.logger.info("device's sessions ended", { userId, deviceId, endedSessions: ended });
    return ended;
  }
}
