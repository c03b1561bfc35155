import { createClientAttempts, type Logger, type RedisClient, type Settings } from "@oa/platform";
import type { DataSource } from "typeorm";
import { EligibilityPolicy } from "./modules/eligibility/eligibility";
import { type AttemptLimit, AddVehicleAttempts, DEFAULT_ATTEMPT_LIMIT } from "./modules/snapshot/add-vehicle/add-vehicle-attempts";
import { AddVehicleService } from "./modules/snapshot/add-vehicle/add-vehicle.service";
import { SnapshotRepository } from "./modules/snapshot/snapshot.repository";
import { VehicleAccountRepository } from "./modules/vehicle-account/vehicle-account.repository";

/** Everything vehicle-account's resolvers use, built once at start and shared by all requests. */
export interface VehicleAccountServices {
  /** The authorized creditors of the settings, lower-cased once. */
  eligibility: EligibilityPolicy;
  vehicleAccounts: VehicleAccountRepository;
  snapshots: SnapshotRepository;
  addVehicle: AddVehicleService;
}

export function createVehicleAccountServices(
  settings: Settings,
  logger: Logger,
  dataSource: DataSource,
  redis: RedisClient,
  attemptLimit: AttemptLimit = DEFAULT_ATTEMPT_LIMIT,
): VehicleAccountServices {
  const eligibility = new EligibilityPolicy(settings.authorizedCreditors);
  const vehicleAccounts = new VehicleAccountRepository(dataSource);
  const snapshots = new SnapshotRepository(dataSource);
  const attempts = new AddVehicleAttempts(redis, settings.redisKeyPrefix, settings.lookupHmacKey, attemptLimit);
  return {
    eligibility,
    vehicleAccounts,
    snapshots,
    addVehicle: new AddVehicleService(snapshots, eligibility, attempts, createClientAttempts(redis, settings), logger.child({ flow: "addVehicle" })),
  };
}
