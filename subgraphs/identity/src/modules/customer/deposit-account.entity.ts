import { Column, Entity, PrimaryColumn } from "typeorm";

export type DepositProduct = "BANK" | "INVEST";

/** A Bank or Invest account on file. */
@Entity({ name: "deposit_accounts", schema: "identity" })
export class DepositAccountEntity {
  @PrimaryColumn("text", { name: "account_number" })
  accountNumber!: string;

  @Column("text")
  product!: DepositProduct;

  @Column("timestamptz", { name: "updated_at", default: () => "now()" })
  updatedAt!: Date;
}

/** One holder of a deposit account. */
@Entity({ name: "deposit_account_holders", schema: "identity" })
export class DepositAccountHolderEntity {
  @PrimaryColumn("text", { name: "account_number" })
  accountNumber!: string;

  @PrimaryColumn("text", { name: "customer_id" })
  customerId!: string;
}
