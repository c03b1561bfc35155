import type { Logger, Settings } from "@oa/platform";
import type { DataSource } from "typeorm";
import { DeviceService } from "./modules/device/device.service";

/** Everything device-trust's resolvers use, built once at start and shared by all requests. */
export interface DeviceTrustServices {
  settings: Settings;
  logger: Logger;
  dataSource: DataSource;
  devices: DeviceService;
}

export function createDeviceTrustServices(settings: Settings, logger: Logger, dataSource: DataSource): DeviceTrustServices {
  return { settings, logger, dataSource, devices: new DeviceService(dataSource) };
}
