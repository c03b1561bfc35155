import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The signed-in person's online login, as clients see it. */
@Directive('@key(fields: "id")')
@ObjectType({
  description: "A person with online access, as they see themselves when signed in: their details on file, registered devices, sessions, security events and Snapshot.",
})
export class User {
  @Field(() => ID, { description: "The user's stable id." })
  id!: string;

  @Field({ description: "The username the person signs in with, as they chose it (unique without regard to case)." })
  username!: string;

  @Field({ description: "The person's first name as the bank has it on file." })
  firstName!: string;

  /** Internal: vehicle-account @requires it to find the user's role on an account. */
  @Directive("@inaccessible")
  @Field(() => ID)
  customerId!: string;
}
