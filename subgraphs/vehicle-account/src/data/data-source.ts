import { createDataSource } from "@oa/platform";
import { SnapshotEntryEntity } from "../modules/snapshot/snapshot-entry.entity";
import { VehicleAccountEntity, VehicleAccountHolderEntity } from "../modules/vehicle-account/vehicle-account.entity";
import { VehicleAccountSchema1764300000000 } from "./migrations/1764300000000-VehicleAccountSchema";

/** The PostgreSQL schema vehicle-account owns. */
export const VEHICLE_ACCOUNT_SCHEMA = "vehicle_account";

export const vehicleAccountEntities = [VehicleAccountEntity, VehicleAccountHolderEntity, SnapshotEntryEntity];

export const vehicleAccountMigrations = [VehicleAccountSchema1764300000000];

export function createVehicleAccountDataSource(url: string, options: { poolSize?: number; statementTimeoutMs?: number; onQuery?: (sql: string) => void } = {}) {
  return createDataSource({
    url,
    schema: VEHICLE_ACCOUNT_SCHEMA,
    entities: vehicleAccountEntities,
    migrations: vehicleAccountMigrations,
    ...options,
  });
}
