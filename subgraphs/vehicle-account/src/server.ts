import "reflect-metadata";
import { createLogger, createRedis, createSubgraphService, type Logger, type RedisClient, type Settings, type SubgraphService } from "@oa/platform";
import { createVehicleAccountContext } from "./context";
import { createVehicleAccountDataSource, VEHICLE_ACCOUNT_SCHEMA } from "./data/data-source";
import type { AttemptLimit } from "./modules/snapshot/add-vehicle/add-vehicle-attempts";
import { buildVehicleAccountSchema } from "./schema";
import { createVehicleAccountServices } from "./services";

export { buildVehicleAccountSchema } from "./schema";
export { createVehicleAccountDataSource, vehicleAccountEntities, vehicleAccountMigrations, VEHICLE_ACCOUNT_SCHEMA } from "./data/data-source";
export { importVehicleAccountRecords } from "./records/import-vehicle-account-records";
export { accountsHoldingVins, lockVehicleAccountsForImport, vinClashOf } from "./records/vehicle-accounts-on-file";

export interface VehicleAccountOptions {
  logger?: Logger;
  /** Shared client (the embedded store), closed by whoever made it; by default one is made from the settings (and closed with the service). */
  redis?: RedisClient;
  /** Called with every SQL statement, for tests that count them. */
  onQuery?: (sql: string) => void;
  /** Database pool size, instead of DATABASE_POOL_SIZE (small on the embedded database). */
  poolSize?: number;
  /** addVehicle's limit on unverified tries [5 within 15 minutes]; tests shorten the window. */
  attemptLimit?: AttemptLimit;
}

/** Builds vehicle-account without listening: `listen()` starts it, `migrate()` prepares its schema. */
export async function createVehicleAccountService(settings: Settings, options: VehicleAccountOptions = {}): Promise<SubgraphService> {
  if (!settings.databaseUrl) throw new Error("vehicle-account needs DATABASE_URL (npm start provides the embedded one)");
  const logger = options.logger ?? createLogger(settings.logLevel, { service: "vehicle-account" });
  const redis = options.redis ?? createRedis(settings, "vehicle-account");
  const dataSource = createVehicleAccountDataSource(settings.databaseUrl, {
    onQuery: options.onQuery,
    poolSize: options.poolSize ?? settings.databasePoolSize,
    statementTimeoutMs: settings.databaseStatementTimeoutMs,
  });
  const services = createVehicleAccountServices(settings, logger, dataSource, redis, options.attemptLimit);
  return createSubgraphService({
    name: "vehicle-account",
    databaseSchema: VEHICLE_ACCOUNT_SCHEMA,
    settings,
    logger,
    schema: await buildVehicleAccountSchema(),
    dataSource,
    redis,
    ownsRedis: !options.redis,
    context: (credential) => createVehicleAccountContext(services, credential),
  });
}
