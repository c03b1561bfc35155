import DataLoader from "dataloader";
import { toVehicleAccount } from "./vehicle-account.row";
import type { VehicleAccountRepository } from "./vehicle-account.repository";
import type { VehicleAccount } from "./vehicle-account.type";

/**
 * Vehicle accounts by id as the session's customer holds them (their role on each); null for an
 * unknown id, an account they do not hold, or no session. One statement per batch.
 */
export function createVehicleAccountLoader(repository: VehicleAccountRepository, customerId: string | null): DataLoader<string, VehicleAccount | null> {
  return new DataLoader(async (ids) => {
    if (customerId === null) return ids.map(() => null);
    const rows = await repository.findHeldByIds(ids, customerId);
    const byId = new Map(rows.map((row) => [row.id, toVehicleAccount(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
