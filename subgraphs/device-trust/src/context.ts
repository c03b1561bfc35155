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

function createLoaders(services: DeviceTrustServices) {
  return {
    device: createDeviceLoader(services.dataSource),
    userDevices: createUserDevicesLoader(services.dataSource),
  };
}

export function createDeviceTrustContext(services: DeviceTrustServices, credential: GatewayCredential): DeviceTrustContext {
  return { credential, session: credential.session, services, loaders: createLoaders(services) };
}
