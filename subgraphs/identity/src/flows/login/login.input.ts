import { Field, InputType } from "type-graphql";
import { SessionDelivery } from "../../modules/session/session-delivery";

@InputType()
export class LoginInput {
  @Field()
  username!: string;

  @Field()
  password!: string;

  @Field(() => String, { nullable: true, description: "The device credential that verifyStepUp returned when this device was registered." })
  deviceToken?: string | null;

  @Field(() => SessionDelivery, { nullable: true, description: "How the session is handed over [BEARER]." })
  sessionDelivery?: SessionDelivery | null;
}
