import { createDeviceTrustService } from "@oa/device-trust";
import { createIdentityService } from "@oa/identity";
import { createLogger, createRedis, type Settings } from "@oa/platform";
import { createVehicleAccountService } from "@oa/vehicle-account";

/**
 * Runs every subgraph's pending migrations against `settings.databaseUrl`, one subgraph after
 * another, without listening. Each subgraph owns its schema, so each runs its own migrations.
 */
export async function migrateSubgraphs(settings: Settings): Promise<void> {
  const logger = createLogger(settings.logLevel === "debug" ? "debug" : "warn", { command: "migrate" });
  // Migrations touch no Redis keys: an in-process store keeps the command independent of REDIS_URL.
  const redis = createRedis({ redisUrl: undefined }, "migrate");
  // Two connections: migrate() holds one for its advisory lock while the migrations use another.
  const options = { logger, redis, poolSize: 2 };
  for (const create of [createIdentityService, createDeviceTrustService, createVehicleAccountService]) {
    const service = await create(settings, options);
    try {
      await service.migrate();
    } finally {
      await service.close();
    }
  }
}
