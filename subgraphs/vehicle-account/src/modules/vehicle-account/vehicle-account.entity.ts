import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import type { AccountStatus, ContractType, HolderRole } from "./vehicle-account.enums";

/**
 * An Auto account on file. Never a GraphQL type: it holds the full account number and VIN,
 * which clients only ever see the last digits of.
 */
@Entity({ name: "vehicle_accounts", schema: "vehicle_account" })
export class VehicleAccountEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("text", { name: "account_number", unique: true })
  accountNumber!: string;

  /** 17 characters, upper case. */
  @Column("text", { unique: true })
  vin!: string;

  @Column("int")
  year!: number;

  @Column("text")
  make!: string;

  @Column("text")
  model!: string;

  /** The creditor's name as the system of record has it. */
  @Column("text")
  creditor!: string;

  @Column("text")
  contract!: ContractType;

  @Column("text")
  status!: AccountStatus;

  @Column("timestamptz", { name: "updated_at", default: () => "now()" })
  updatedAt!: Date;
}

/** One holder of a vehicle account: a customer id of the bank, as primary or joint holder. */
@Entity({ name: "vehicle_account_holders", schema: "vehicle_account" })
export class VehicleAccountHolderEntity {
  @PrimaryColumn("uuid", { name: "vehicle_account_id" })
  vehicleAccountId!: string;

  @PrimaryColumn("text", { name: "customer_id" })
  customerId!: string;

  @Column("text")
  role!: HolderRole;
}
