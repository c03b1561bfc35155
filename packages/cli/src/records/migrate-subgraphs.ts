import { createDeviceTrustDataSource, DEVICE_TRUST_SCHEMA } from "@oa/device-trust";
import { createIdentityDataSource, IDENTITY_SCHEMA } from "@oa/identity";
import { migrate } from "@oa/platform";
import { createVehicleAccountDataSource, VEHICLE_ACCOUNT_SCHEMA } from "@oa/vehicle-account";
import type { DataSource } from "typeorm";

/** Each subgraph's database: the schema it owns and a data source that holds its migrations. */
const SUBGRAPH_DATABASES: { schema: string; dataSource: (url: string, options: { poolSize: number }) => DataSource }[] = [
  { schema: IDENTITY_SCHEMA, dataSource: createIdentityDataSource },
  { schema: DEVICE_TRUST_SCHEMA, dataSource: createDeviceTrustDataSource },
  { schema: VEHICLE_ACCOUNT_SCHEMA, dataSource: createVehicleAccountDataSource },
];

/**
 * Runs every subgraph's pending migrations against `databaseUrl`, one subgraph after another.
 * Each subgraph owns its schema, so each runs its own migrations, through its own data source.
 */
export async function migrateSubgraphs(databaseUrl: string): Promise<void> {
  for (const subgraph of SUBGRAPH_DATABASES) {
    // One connection: migrate() runs the migrations on the one that holds its advisory lock.
    const dataSource = subgraph.dataSource(databaseUrl, { poolSize: 1 });
    await dataSource.initialize();
    try {
      await migrate(dataSource, subgraph.schema);
    } finally {
      await dataSource.destroy();
    }
  }
}
