import { Column, Entity, PrimaryColumn } from "typeorm";

/** One vehicle account on one user's Snapshot. */
@Entity({ name: "snapshot_entries", schema: "vehicle_account" })
export class SnapshotEntryEntity {
  /** identity's user id. */
  @PrimaryColumn("uuid", { name: "user_id" })
  userId!: string;

  @PrimaryColumn("uuid", { name: "vehicle_account_id" })
  vehicleAccountId!: string;

  /** The Snapshot lists accounts in the order they were added. */
  @Column("timestamptz", { name: "added_at", default: () => "now()" })
  addedAt!: Date;
}
