import { Directive, Field, ID, ObjectType } from "type-graphql";
import { VehicleAccount } from "../vehicle-account/vehicle-account.type";

/**
 * identity's User, extended with the Snapshot. The plan brings `customerId` from identity, but the
 * Snapshot reads the session's own (user.resolver.ts): a representation is only what a caller sent.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description: "A person with online access, as they see themselves when signed in: their details on file, registered devices, sessions, security events and Snapshot.",
})
export class User {
  @Field(() => ID, { description: "The user's stable id." })
  id!: string;

  @Directive("@external")
  @Field(() => ID)
  customerId!: string;

  /** Resolved by UserResolver. */
  @Directive('@requires(fields: "customerId")')
  @Field(() => [VehicleAccount], { description: "The vehicle accounts on this user's Snapshot, with their eligibility." })
  vehicleAccounts!: VehicleAccount[];
}

/** What an `_entities` representation of User brings: its key and the required field. */
export interface UserReference {
  id: string;
  customerId: string;
}
