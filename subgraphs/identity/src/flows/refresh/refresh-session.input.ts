import { Field, InputType } from "type-graphql";

@InputType()
export class RefreshSessionInput {
  @Field()
  refreshToken!: string;

  @Field({ description: "The deviceToken of the registered device the session was opened on." })
  deviceToken!: string;
}
