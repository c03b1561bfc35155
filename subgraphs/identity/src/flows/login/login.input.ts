import { Field, InputType } from "type-graphql";
import { SessionDelivery } from "../../modules/session/session-delivery";

@InputType({ description: "A sign-in: the username and password, and this device's deviceToken when it is registered." })
export class LoginInput {
  @Field({ description: "The username, without regard to case." })
  username!: string;

  @Field({ description: "The password." })
  password!: string;

  @Field(() => String, { nullable: true, description: "The device credential that verifyStepUp returned when this device was registered." })
  deviceToken?: string | null;

  @Field(() => SessionDelivery, { nullable: true, description: "How the session is handed over [BEARER]." })
  sessionDelivery?: SessionDelivery | null;
}
