import {
  InternalClient,
  type Logger,
  Notifier,
  type RedisClient,
  SessionStore,
  type Settings,
} from "@oa/platform";
import type { DataSource } from "typeorm";
import { SecurityQuestionCatalog } from "./modules/security-question/security-question.service";

/** Everything identity's resolvers use, built once at start and shared by all requests. */
export interface IdentityServices {
  settings: Settings;
  logger: Logger;
  dataSource: DataSource;
  redis: RedisClient;
  notifier: Notifier;
  sessions: SessionStore;
  catalog: SecurityQuestionCatalog;
  /** device-trust's internal fields. */
  deviceTrust: InternalClient;
  /** vehicle-account's internal fields. */
  vehicleAccount: InternalClient;
}

export function createIdentityServices(settings: Settings, logger: Logger, dataSource: DataSource, redis: RedisClient): IdentityServices {
  return {
    settings,
    logger,
    dataSource,
    redis,
    notifier: new Notifier(logger, settings.messageOutboxFile),
    sessions: new SessionStore(redis, settings.redisKeyPrefix, settings.sessionTtlSeconds),
    catalog: new SecurityQuestionCatalog(dataSource),
    deviceTrust: new InternalClient("identity", settings.deviceTrustUrl, settings.gatewaySecret, logger),
    vehicleAccount: new InternalClient("identity", settings.vehicleAccountUrl, settings.gatewaySecret, logger),
  };
}
