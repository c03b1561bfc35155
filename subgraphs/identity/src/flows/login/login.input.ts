import { Field, InputType } from "type-graphql";

@InputType()
export class LoginInput {
  @Field()
  username!: string;

  @Field()
  password!: string;

  @Field(() => String, { nullable: true, description: "The device credential that verifyStepUp returned when this device was registered." })
  deviceToken?: string | null;
}
