import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The signed-in person's online login, as clients see it. */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field({ description: "The person's first name as the bank has it on file." })
  firstName!: string;

  /** Internal: vehicle-account @requires it to find the user's role on an account. */
  @Directive("@inaccessible")
  @Field(() => ID)
  customerId!: string;
}
