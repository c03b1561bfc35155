import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { SecurityEventKind } from "./security-event-kind";

/** One thing that happened to a user's online access. Never a secret: no password, code, token or tax id. */
@Entity({ name: "security_events", schema: "identity" })
export class SecurityEventEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "user_id" })
  userId!: string;

  @Column("text")
  kind!: SecurityEventKind;

  @Column("timestamptz", { default: () => "clock_timestamp()" })
  at!: Date;

  @Column("uuid", { name: "device_id", nullable: true })
  deviceId!: string | null;

  /** The device's name when it happened (a device may be renamed or removed since). */
  @Column("text", { name: "device_name", nullable: true })
  deviceName!: string | null;

  @Column("text", { name: "client_address", nullable: true })
  clientAddress!: string | null;

  /** For support actions: who acted, and why. */
  @Column("text", { nullable: true })
  agent!: string | null;

  @Column("text", { nullable: true })
  reason!: string | null;
}
