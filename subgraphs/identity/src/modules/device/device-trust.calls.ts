import type { InternalClient } from "@oa/platform";
import type { DevicePlatform } from "./device-platform";

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

const REGISTERED_DEVICE_IDS = `query RegisteredDeviceIds($userId: ID!) {
  registeredDeviceIds(userId: $userId)
}`;

// device-trust makes tokens of 43 characters; anything far longer is not worth a call.
const MAX_DEVICE_TOKEN_LENGTH = 512;

/** A registered device, as identity's security events name it. */
export interface TrustedDevice {
  id: string;
  name: string;
}

/** A device device-trust has just registered, with its token (shown once). */
export interface DeviceRegistration {
  deviceToken: string;
  device: { id: string; name: string; platform: DevicePlatform; registeredAt: Date; lastUsedAt: Date | null };
}

/** device-trust's internal fields, as identity calls them (each call signed for its one field: decision 0002). */
export class DeviceTrustCalls {
  constructor(private readonly client: InternalClient) {}

  /**
   * The id of the device when `deviceToken` is a live registration of this user (device-trust
   * then stamps its lastUsedAt), else null.
   */
  async useTrustedDevice(userId: string, deviceToken: string): Promise<string | null> {
    if (deviceToken === "" || deviceToken.length > MAX_DEVICE_TOKEN_LENGTH) return null;
    const data = await this.client.request<{ useTrustedDevice: string | null }>(USE_TRUSTED_DEVICE, { userId, deviceToken });
    return data.useTrustedDevice;
  }

  /** The device when `deviceToken` is a live registration of this user, else null; stamps nothing. */
  async trustedDevice(userId: string, deviceToken: string): Promise<TrustedDevice | null> {
    if (deviceToken === "" || deviceToken.length > MAX_DEVICE_TOKEN_LENGTH) return null;
    const data = await this.client.request<{ trustedDevice: TrustedDevice | null }>(TRUSTED_DEVICE, { userId, deviceToken });
    return data.trustedDevice;
  }

  /** Registers a device of the user; its token is in this answer only. */
  async registerDevice(userId: string, name: string, platform: DevicePlatform): Promise<DeviceRegistration> {
    const data = await this.client.request<{
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

  /** The ids of the user's registered devices (whose own lock budgets a password reset lifts). */
  async registeredDeviceIds(userId: string): Promise<string[]> {
    const data = await this.client.request<{ registeredDeviceIds: string[] }>(REGISTERED_DEVICE_IDS, { userId });
    return data.registeredDeviceIds;
  }
}
