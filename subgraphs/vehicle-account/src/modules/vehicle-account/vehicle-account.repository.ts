import { isUuid } from "@oa/platform";
import type { DataSource } from "typeorm";
import type { AccountIdentifier } from "./account-identifier";
import { HELD_ACCOUNT_COLUMNS, type HeldVehicleAccountRow } from "./vehicle-account.row";

/** Which account to find: the one a person named, as long as their customer holds it. */
export interface HeldAccountQuery {
  customerId: string;
  identifier: AccountIdentifier;
  /** Whose Snapshot to check it against; null when there is no user yet (enrollment). */
  userId: string | null;
}

/** A held account found by number or VIN, and whether it is already on the user's Snapshot. */
export interface FoundVehicleAccountRow extends HeldVehicleAccountRow {
  on_snapshot: boolean;
}

/** Reads of vehicle accounts, always through a holder: an account is only found by its holders. */
export class VehicleAccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * For each query, the account with that number or VIN if it lists the customer as a holder
   * (else null), and whether it is on the user's Snapshot. One statement for any number.
   */
  async findHeld(queries: readonly HeldAccountQuery[]): Promise<(FoundVehicleAccountRow | null)[]> {
    if (queries.length === 0) return [];
    const rows: (FoundVehicleAccountRow & { position: number })[] = await this.dataSource.query(
      `SELECT q.position::int AS position, ${HELD_ACCOUNT_COLUMNS},
              EXISTS (SELECT 1 FROM vehicle_account.snapshot_entries s
                       WHERE s.user_id = q.user_id AND s.vehicle_account_id = a.id) AS on_snapshot
         FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) WITH ORDINALITY AS q(customer_id, account_number, vin, user_id, position)
         JOIN vehicle_account.vehicle_accounts a ON a.account_number = q.account_number OR a.vin = q.vin
         JOIN vehicle_account.vehicle_account_holders h ON h.vehicle_account_id = a.id AND h.customer_id = q.customer_id`,
      [
        queries.map((query) => query.customerId),
        queries.map((query) => (query.identifier.kind === "accountNumber" ? query.identifier.value : null)),
        queries.map((query) => (query.identifier.kind === "vin" ? query.identifier.value : null)),
        queries.map((query) => (query.userId !== null && isUuid(query.userId) ? query.userId : null)),
      ],
    );
    const byPosition = new Map(rows.map(({ position, ...row }) => [position, row]));
    return queries.map((_, index) => byPosition.get(index + 1) ?? null);
  }

  /** Of the accounts with these ids, those that list `customerId` as a holder. One statement. */
  async findHeldByIds(ids: readonly string[], customerId: string): Promise<HeldVehicleAccountRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.dataSource.query(
      `SELECT ${HELD_ACCOUNT_COLUMNS}
         FROM vehicle_account.vehicle_accounts a
         JOIN vehicle_account.vehicle_account_holders h ON h.vehicle_account_id = a.id AND h.customer_id = $2
        WHERE a.id = ANY($1::uuid[])`,
      [valid, customerId],
    );
  }
}
