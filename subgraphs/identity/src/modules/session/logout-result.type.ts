import { Field, ObjectType } from "type-graphql";

@ObjectType()
export class LogoutResult {
  @Field()
  loggedOut!: boolean;
}
