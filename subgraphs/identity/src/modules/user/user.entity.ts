import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** An online login. Kept apart from the GraphQL `User` type: this row holds the password hash. */
@Entity({ name: "users", schema: "identity" })
export class UserEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** One login per person on file. */
  @Column("text", { name: "customer_id", unique: true })
  customerId!: string;

  /** As the person typed it. */
  @Column("text")
  username!: string;

  /** Lower case: usernames are unique without regard to case. */
  @Column("text", { name: "username_key", unique: true })
  usernameKey!: string;

  /** argon2id. */
  @Column("text", { name: "password_hash" })
  passwordHash!: string;

  @Column("timestamptz", { name: "created_at", default: () => "now()" })
  createdAt!: Date;
}
