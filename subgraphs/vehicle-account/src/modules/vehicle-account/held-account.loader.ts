import DataLoader from "dataloader";
import type { FoundVehicleAccountRow, HeldAccountQuery, VehicleAccountRepository } from "./vehicle-account.repository";

export type HeldAccountLoader = DataLoader<HeldAccountQuery, FoundVehicleAccountRow | null>;

/**
 * Accounts by number or VIN through their holder (enrollmentAccountCheck, addVehicle): one
 * statement per batch. Not cached: a mutation must see the Snapshot as it is at that moment.
 */
export function createHeldAccountLoader(repository: VehicleAccountRepository): HeldAccountLoader {
  return new DataLoader((queries) => repository.findHeld(queries), { cache: false });
}
