import type { DataSource } from "typeorm";
import { DeviceService } from "./modules/device/device.service";

/** Everything device-trust's resolvers use, built once at start and shared by all requests. */
export interface DeviceTrustServices {
  dataSource: DataSource;
  devices: DeviceService;
}

export function createDeviceTrustServices(dataSource: DataSource): DeviceTrustServices {
  return { dataSource, devices: new DeviceService(dataSource) };
}
