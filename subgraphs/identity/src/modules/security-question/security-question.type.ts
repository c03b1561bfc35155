import { Field, ID, ObjectType } from "type-graphql";

@ObjectType()
export class SecurityQuestion {
  @Field(() => ID)
  id!: string;

  @Field()
  text!: string;
}
