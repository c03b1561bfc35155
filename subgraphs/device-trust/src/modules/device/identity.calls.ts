import type { InternalClient } from "@oa/platform";

const END_DEVICE_SESSIONS = `mutation EndDeviceSessions($userId: ID!, $deviceId: ID!, $deviceName: String!, $clientAddress: String) {
  endDeviceSessions(userId: $userId, deviceId: $deviceId, deviceName: $deviceName, clientAddress: $clientAddress)
}`;

export interface RemovedDevice {
  userId: string;
  deviceId: string;
  deviceName: string;
  /** Where the removal came from, for identity's DEVICE_REMOVED event. */
  clientAddress: string | null;
}

/**
 * Asks identity to end the sessions and refresh tokens opened on a device being removed (it records
 * DEVICE_REMOVED); answers how many sessions ended. Throws SERVICE_UNAVAILABLE when identity cannot.
 */
export async function endDeviceSessions(identity: InternalClient, removed: RemovedDevice): Promise<number> {
  const data = await identity.request<{ endDeviceSessions: number }>(END_DEVICE_SESSIONS, { ...removed });
  return data.endDeviceSessions;
}
