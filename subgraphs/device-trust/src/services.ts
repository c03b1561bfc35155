import { InternalClient, type Logger, type Settings } from "@oa/platform";
import type { DataSource } from "typeorm";
import { DeviceService } from "./modules/device/device.service";

/** Everything device-trust's resolvers use, built once at start and shared by all requests. */
export interface DeviceTrustServices {
  dataSource: DataSource;
  devices: DeviceService;
  /** identity's internal fields (ending a removed device's sessions). */
  identity: InternalClient;
}

export function createDeviceTrustServices(
  settings: Settings,
  logger: Logger,
  dataSource: DataSource,
  /** Where identity is; a function when it is known only once identity listens. */
  identityUrl: string | (() => string) = settings.identityUrl,
): DeviceTrustServices {
  return {
    dataSource,
    devices: new DeviceService(dataSource),
    identity: new InternalClient({ caller: "device-trust", audience: "identity", url: identityUrl, secret: settings.gatewaySecret, logger }),
  };
}
