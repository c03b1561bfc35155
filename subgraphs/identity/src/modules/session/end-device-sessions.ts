import type { Logger, SessionStore } from "@oa/platform";
import { SecurityEventKind } from "../security-event/security-event-kind";
import type { SecurityEvents } from "../security-event/security-events";
import { endSessions } from "./end-sessions";

/** A device device-trust is removing, as it names it. */
export interface RemovedDevice {
  userId: string;
  deviceId: string;
  deviceName: string;
  clientAddress: string | null;
}

/**
 * device-trust's call when a person removes a device, before it deletes the device: ends the
 * sessions and refresh tokens opened on it (and bars new ones a sign-in under way would open),
 * recording DEVICE_REMOVED with the device's name. Answers how many sessions ended.
 */
export async function endDeviceSessions(deps: { sessions: SessionStore; securityEvents: Pick<SecurityEvents, "record">; logger: Logger }, removed: RemovedDevice): Promise<number> {
  const { userId, deviceId } = removed;
  const origin = { deviceId, deviceName: removed.deviceName, clientAddress: removed.clientAddress };
  // Recorded before the change, so no removal goes unrecorded.
  await deps.securityEvents.record({ userId, kind: SecurityEventKind.DEVICE_REMOVED, ...origin });
  const ended = await endSessions(deps, userId, { deviceId }, origin);
  deps.logger.info("device's sessions ended", { userId, deviceId, endedSessions: ended });
  return ended;
}
