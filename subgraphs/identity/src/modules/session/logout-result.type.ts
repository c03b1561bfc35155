import { Field, Int, ObjectType } from "type-graphql";

@ObjectType()
export class LogoutResult {
  @Field()
  loggedOut!: boolean;

  @Field(() => Int, { nullable: true, description: "How many sessions this ended." })
  endedSessions!: number | null;
}
