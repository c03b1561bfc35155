import "reflect-metadata";
import { createLogger, createRedis, createSubgraphService, type Logger, type RedisClient, type Settings, type SubgraphService } from "@oa/platform";
import { createIdentityContext } from "./context";
import { createIdentityDataSource, IDENTITY_SCHEMA } from "./data/data-source";
import { sessionHandoverPlugin } from "./modules/session/session-handover.plugin";
import { supportDeskSigner } from "./modules/support/support-desk";
import { buildIdentitySchema } from "./schema";
import { createIdentityServices } from "./services";

export { buildIdentitySchema } from "./schema";
export { createIdentityDataSource, identityEntities, identityMigrations, IDENTITY_SCHEMA } from "./data/data-source";
export { importIdentityRecords, type IdentityImportCounts } from "./records/import-identity-records";
// The benchmark measures logins against argon2id alone with the very same parameters.
export { hashSecret, verifySecret } from "./modules/credentials/secret-hashing";
export {
  customersHoldingTaxIds,
  customersOnFile,
  customerWithoutLogin,
  hasCustomersOnFile,
  lockCustomersForImport,
  taxIdClashOf,
} from "./records/customers-on-file";

export interface IdentityOptions {
  logger?: Logger;
  /** Shared client (the embedded store), closed by whoever made it; by default one is made from the settings (and closed with the service). */
  redis?: RedisClient;
  onQuery?: (sql: string) => void;
  /** Database pool size, instead of DATABASE_POOL_SIZE (small on the embedded database). */
  poolSize?: number;
  /** Called before every password or support proof check (argon2), for tests that count them. */
  onPasswordCheck?: () => void;
}

/** Builds identity without listening: `listen()` starts it, `migrate()` prepares its schema. */
export async function createIdentityService(settings: Settings, options: IdentityOptions = {}): Promise<SubgraphService> {
  if (!settings.databaseUrl) throw new Error("identity needs DATABASE_URL (npm start provides the embedded one)");
  const logger = options.logger ?? createLogger(settings.logLevel, { service: "identity" });
  const redis = options.redis ?? createRedis(settings, "identity");
  const dataSource = createIdentityDataSource(settings.databaseUrl, {
    onQuery: options.onQuery,
    poolSize: options.poolSize ?? settings.databasePoolSize,
    statementTimeoutMs: settings.databaseStatementTimeoutMs,
  });
  const services = createIdentityServices(settings, logger, dataSource, redis, { onPasswordCheck: options.onPasswordCheck });
  return createSubgraphService({
    name: "identity",
    databaseSchema: IDENTITY_SCHEMA,
    settings,
    logger,
    schema: await buildIdentitySchema(),
    dataSource,
    redis,
    ownsRedis: !options.redis,
    // The support desk's secret is admitted for its own fields only (docs/decisions/0014).
    fieldSigners: [supportDeskSigner(settings)],
    context: (credential) => createIdentityContext(services, credential),
    plugins: [sessionHandoverPlugin()],
  });
}
