import { Column, Entity, PrimaryColumn } from "typeorm";

/** A person on file in the bank's systems of record. Never a GraphQL type: it holds the tax id. */
@Entity({ name: "customers", schema: "identity" })
export class CustomerEntity {
  /** The bank's customer id, e.g. C-100001. */
  @PrimaryColumn("text")
  id!: string;

  /** HMAC-SHA256 of the 9 tax id digits, keyed: the only way to find a customer by tax id. */
  @Column("text", { name: "tax_id_lookup", unique: true })
  taxIdLookup!: string;

  /** AES-256-GCM of the tax id digits: iv.tag.ciphertext, base64url. */
  @Column("text", { name: "tax_id_encrypted" })
  taxIdEncrypted!: string;

  @Column("text", { name: "first_name" })
  firstName!: string;

  @Column("text", { name: "last_name" })
  lastName!: string;

  /** YYYY-MM-DD. */
  @Column("date", { name: "date_of_birth" })
  dateOfBirth!: string;

  @Column("text", { nullable: true })
  email!: string | null;

  /** E.164. */
  @Column("text", { name: "mobile_phone", nullable: true })
  mobilePhone!: string | null;

  @Column("timestamptz", { name: "updated_at", default: () => "now()" })
  updatedAt!: Date;
}
