import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "What logout or logoutEverywhere did." })
export class LogoutResult {
  @Field({ description: "True: the current session has ended." })
  loggedOut!: boolean;

  @Field(() => Int, { nullable: true, description: "How many sessions this ended." })
  endedSessions!: number | null;
}
