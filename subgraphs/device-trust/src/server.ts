import "reflect-metadata";
import { createLogger, createRedis, createSubgraphService, type Logger, type RedisClient, type Settings, type SubgraphService } from "@oa/platform";
import { createDeviceTrustContext } from "./context";
import { createDeviceTrustDataSource, DEVICE_TRUST_SCHEMA } from "./data/data-source";
import { buildDeviceTrustSchema } from "./schema";
import { createDeviceTrustServices } from "./services";

export { buildDeviceTrustSchema } from "./schema";
export { createDeviceTrustDataSource, deviceTrustEntities, deviceTrustMigrations, DEVICE_TRUST_SCHEMA } from "./data/data-source";

export interface DeviceTrustOptions {
  logger?: Logger;
  /** Shared client (the embedded store), closed by whoever made it; by default one is made from the settings (and closed with the service). device-trust keeps only the nonces of the mutation credentials it accepted. */
  redis?: RedisClient;
  /** Called with every SQL statement, for tests that count them. */
  onQuery?: (sql: string) => void;
  /** Pool size; keep it small on the embedded database. */
  poolSize?: number;
  /** Where identity is, when not at settings.identityUrl; a function when it is known only once identity listens (in-process systems). */
  identityUrl?: string | (() => string);
}

/** Builds device-trust without listening: `listen()` starts it, `migrate()` prepares its schema. */
export async function createDeviceTrustService(settings: Settings, options: DeviceTrustOptions = {}): Promise<SubgraphService> {
  if (!settings.databaseUrl) throw new Error("device-trust needs DATABASE_URL (npm start provides the embedded one)");
  const logger = options.logger ?? createLogger(settings.logLevel, { service: "device-trust" });
  const redis = options.redis ?? createRedis(settings, "device-trust");
  const dataSource = createDeviceTrustDataSource(settings.databaseUrl, {
    onQuery: options.onQuery,
    poolSize: options.poolSize ?? settings.databasePoolSize,
    statementTimeoutMs: settings.databaseStatementTimeoutMs,
  });
  const services = createDeviceTrustServices(settings, logger, dataSource, options.identityUrl);
  return createSubgraphService({
    name: "device-trust",
    databaseSchema: DEVICE_TRUST_SCHEMA,
    settings,
    logger,
    schema: await buildDeviceTrustSchema(),
    dataSource,
    redis,
    ownsRedis: !options.redis,
    context: (credential) => createDeviceTrustContext(services, credential),
  });
}
