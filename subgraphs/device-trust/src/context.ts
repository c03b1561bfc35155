import type { ForwardedSession, GatewayCredential } from "@oa/platform";
import { createDeviceLoader, createUserDevicesLoader } from "./modules/device/device.loader";
import type { DeviceTrustServices } from "./services";

/** Per request: the verified session (if any), the shared services and fresh loaders. */
export interface DeviceTrustContext {
  credential: GatewayCredential;
  session: ForwardedSession | null;
  services: DeviceTrustServices;
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(services: DeviceTrustServices, session: ForwardedSession | null) {
  return {
    /** Devices by id, as the session's user has them. */
    device: createDeviceLoader(services.dataSource, session?.userId ?? null),
    userDevices: createUserDevicesLoader(services.dataSource),
  };
}

export function createDeviceTrustContext(services: DeviceTrustServices, credential: GatewayCredential): DeviceTrustContext {
  return { credential, session: credential.session, services, loaders: createLoaders(services, credential.session) };
}
