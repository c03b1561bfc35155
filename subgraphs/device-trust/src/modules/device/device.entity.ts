import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import type { DevicePlatform } from "./device-platform";

/**
 * A device registered to skip step-up. Kept apart from the GraphQL `Device` type: this row
 * holds the hash of the device's credential.
 */
@Entity({ name: "devices", schema: "device_trust" })
export class DeviceEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** identity's user id; a device belongs to exactly one user. */
  @Column("uuid", { name: "user_id" })
  userId!: string;

  /** As the person named it, trimmed. */
  @Column("text")
  name!: string;

  @Column("text")
  platform!: DevicePlatform;

  /** SHA-256 hex of the device token; the token itself is never stored. */
  @Column("text", { name: "token_hash", unique: true })
  tokenHash!: string;

  @Column("timestamptz", { name: "registered_at", default: () => "now()" })
  registeredAt!: Date;

  /** The last sign-in that this device's token let skip step-up. */
  @Column("timestamptz", { name: "last_used_at", nullable: true })
  lastUsedAt!: Date | null;
}
