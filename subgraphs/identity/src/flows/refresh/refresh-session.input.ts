import { Field, InputType } from "type-graphql";

@InputType({ description: "A refresh token, with the deviceToken of the device its session was opened on." })
export class RefreshSessionInput {
  @Field({ description: "The refresh token (Session.refreshToken); it works once." })
  refreshToken!: string;

  @Field({ description: "The deviceToken of the registered device the session was opened on." })
  deviceToken!: string;
}
