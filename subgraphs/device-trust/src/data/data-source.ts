import { createDataSource } from "@oa/platform";
import { DeviceEntity } from "../modules/device/device.entity";
import { DevicesTable1764300001000 } from "./migrations/1764300001000-DevicesTable";

/** The PostgreSQL schema device-trust owns. */
export const DEVICE_TRUST_SCHEMA = "device_trust";

export const deviceTrustEntities = [DeviceEntity];

export const deviceTrustMigrations = [DevicesTable1764300001000];

export function createDeviceTrustDataSource(url: string, options: { poolSize?: number; statementTimeoutMs?: number; onQuery?: (sql: string) => void } = {}) {
  return createDataSource({ url, schema: DEVICE_TRUST_SCHEMA, entities: deviceTrustEntities, migrations: deviceTrustMigrations, ...options });
}
