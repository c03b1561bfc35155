import { isUuid } from "@oa/platform";
import type { DataSource } from "typeorm";
import { HELD_ACCOUNT_COLUMNS, type HeldVehicleAccountRow } from "../vehicle-account/vehicle-account.row";

/** Whose Snapshot: identity's user id and that user's customer id (for the holder role). */
export interface SnapshotOwner {
  userId: string;
  customerId: string;
}

export interface SnapshotRow extends HeldVehicleAccountRow {
  user_id: string;
  customer_id: string;
}

/** Snapshot entries: which vehicle accounts each user sees. */
export class SnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The accounts on these users' Snapshots that their customer still holds, in the order they
   * were added: ONE statement for any number of users and accounts.
   */
  async listFor(owners: readonly SnapshotOwner[]): Promise<SnapshotRow[]> {
    const valid = owners.filter((owner) => isUuid(owner.userId));
    if (valid.length === 0) return [];
    return this.dataSource.query(
      `SELECT o.user_id, o.customer_id, ${HELD_ACCOUNT_COLUMNS}
         FROM unnest($1::uuid[], $2::text[]) AS o(user_id, customer_id)
         JOIN vehicle_account.snapshot_entries s ON s.user_id = o.user_id
         JOIN vehicle_account.vehicle_accounts a ON a.id = s.vehicle_account_id
         JOIN vehicle_account.vehicle_account_holders h ON h.vehicle_account_id = a.id AND h.customer_id = o.customer_id
        ORDER BY o.user_id, s.added_at, a.id`,
      [valid.map((owner) => owner.userId), valid.map((owner) => owner.customerId)],
    );
  }

  /** Adds an account to a Snapshot; false when it was already there (so parallel adds add it once). */
  async add(userId: string, accountId: string): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO vehicle_account.snapshot_entries (user_id, vehicle_account_id) VALUES ($1, $2)
       ON CONFLICT (user_id, vehicle_account_id) DO NOTHING
       RETURNING 1`,
      [userId, accountId],
    );
    return inserted.length === 1;
  }

  /** Puts an account on a Snapshot unless it is there already; false for an unknown account. */
  async ensure(userId: string, accountId: string): Promise<boolean> {
    if (!isUuid(accountId)) return false;
    const [row]: { found: boolean }[] = await this.dataSource.query(
      `WITH account AS (SELECT id FROM vehicle_account.vehicle_accounts WHERE id = $2),
            added AS (
              INSERT INTO vehicle_account.snapshot_entries (user_id, vehicle_account_id)
              SELECT $1, id FROM account
              ON CONFLICT (user_id, vehicle_account_id) DO NOTHING
              RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM account) AS found`,
      [userId, accountId],
    );
    return row.found;
  }

  /** Empties a Snapshot. */
  async clear(userId: string): Promise<void> {
    await this.dataSource.query(`WITH removed AS (DELETE FROM vehicle_account.snapshot_entries WHERE user_id = $1 RETURNING 1) SELECT count(*) FROM removed`, [userId]);
  }
}
