import type { InternalClient } from "@oa/platform";
import type { DevicePlatform } from "./device-platform";
import type { Device } from "./device.type";

const USE_TRUSTED_DEVICE = `mutation UseTrustedDevice($userId: ID!, $deviceToken: String!) {
  useTrustedDevice(userId: $userId, deviceToken: $deviceToken)
}`;

const TRUSTED_DEVICE = `query TrustedDevice($userId: ID!, $deviceToken: String!) {
  trustedDevice(userId: $userId, deviceToken: $deviceToken) { id name }
}`;

const REGISTER_DEVICE = `mutation RegisterDevice($userId: ID!, $name: String!, $platform: DevicePlatform!) {
  registerDevice(userId: $userId, name: $name, platform: $platform) {
    deviceToken
    device { id name platform registeredAt lastUsedAt }
  }
}`;

// device-trust makes tokens of 43 characters; anything far longer is not worth a call.
const MAX_DEVICE_TOKEN_LENGTH = 512;

/**
 * The id of the device when `deviceToken` is a live registration of this user (device-trust
 * then stamps its lastUsedAt), else null.
 */
export async function useTrustedDevice(deviceTrust: InternalClient, userId: string, deviceToken: string): Promise<string | null> {
  if (deviceToken === "" || deviceToken.length > MAX_DEVICE_TOKEN_LENGTH) return null;
  const data = await deviceTrust.request<{ useTrustedDevice: string | null }>(USE_TRUSTED_DEVICE, { userId, deviceToken });
  return data.useTrustedDevice;
}

/** A registered device, as identity's security events name it. */
export interface TrustedDevice {
  id: string;
  name: string;
}

/** The device when `deviceToken` is a live registration of this user, else null; stamps nothing. */
export async function findTrustedDevice(deviceTrust: InternalClient, userId: string, deviceToken: string): Promise<TrustedDevice | null> {
  if (deviceToken === "" || deviceToken.length > MAX_DEVICE_TOKEN_LENGTH) return null;
  const data = await deviceTrust.request<{ trustedDevice: TrustedDevice | null }>(TRUSTED_DEVICE, { userId, deviceToken });
  return data.trustedDevice;
}

/** Registers a device of the user; its token is in this answer only. */
export async function registerDevice(
  deviceTrust: InternalClient,
  userId: string,
  name: string,
  platform: DevicePlatform,
): Promise<{ deviceToken: string; device: Omit<Device, "current"> }> {
  const data = await deviceTrust.request<{
    registerDevice: {
      deviceToken: string;
      device: { id: string; name: string; platform: DevicePlatform; registeredAt: string; lastUsedAt: string | null };
    };
  }>(REGISTER_DEVICE, { userId, name, platform });
  const { deviceToken, device } = data.registerDevice;
  return {
    deviceToken,
    device: {
      id: device.id,
      name: device.name,
      platform: device.platform,
      registeredAt: new Date(device.registeredAt),
      lastUsedAt: device.lastUsedAt ? new Date(device.lastUsedAt) : null,
    },
  };
}

const REGISTERED_DEVICE_IDS = `query RegisteredDeviceIds($userId: ID!) {
  registeredDeviceIds(userId: $userId)
}`;

/** The ids of the user's registered devices (whose own lock budgets a password reset lifts). */
export async function registeredDeviceIds(deviceTrust: InternalClient, userId: string): Promise<string[]> {
  const data = await deviceTrust.request<{ registeredDeviceIds: string[] }>(REGISTERED_DEVICE_IDS, { userId });
  return data.registeredDeviceIds;
}
