import DataLoader from "dataloader";
import { toVehicleAccount } from "../vehicle-account/vehicle-account.row";
import type { VehicleAccount } from "../vehicle-account/vehicle-account.type";
import type { SnapshotOwner, SnapshotRepository } from "./snapshot.repository";

/**
 * Snapshots by user: one statement per batch whatever the number of users and accounts, so a
 * Snapshot of 30 vehicles costs what one of 1 does.
 */
export function createSnapshotLoader(repository: SnapshotRepository): DataLoader<SnapshotOwner, VehicleAccount[], string> {
  return new DataLoader(
    async (owners) => {
      const rows = await repository.listFor(owners);
      const byOwner = new Map<string, VehicleAccount[]>();
      for (const row of rows) {
        const key = ownerKey({ userId: row.user_id, customerId: row.customer_id });
        const list = byOwner.get(key) ?? [];
        list.push(toVehicleAccount(row));
        byOwner.set(key, list);
      }
      return owners.map((owner) => byOwner.get(ownerKey(owner)) ?? []);
    },
    { cacheKeyFn: ownerKey },
  );
}

// PostgreSQL prints uuids in lower case.
function ownerKey(owner: SnapshotOwner): string {
  return `${owner.userId.toLowerCase()}\u0000${owner.customerId}`;
}
