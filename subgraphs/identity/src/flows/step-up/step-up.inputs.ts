import { Field, ID, InputType } from "type-graphql";
import { DevicePlatform } from "../../modules/device/device-platform";
import { SessionDelivery } from "../../modules/session/session-delivery";
import { SecurityAnswerInput } from "../../modules/security-question/security-answer.input";
import { StepUpMethod } from "../../modules/step-up/step-up-method";

@InputType()
export class SendSecurityCodeInput {
  @Field(() => ID)
  challengeId!: string;

  @Field(() => StepUpMethod, { description: "SMS_CODE or EMAIL_CODE." })
  method!: StepUpMethod;
}

@InputType()
export class RememberDeviceInput {
  @Field()
  name!: string;

  @Field(() => DevicePlatform)
  platform!: DevicePlatform;
}

@InputType()
export class VerifyStepUpInput {
  @Field(() => ID)
  challengeId!: string;

  @Field(() => String, { nullable: true, description: "The 6-digit code, for SMS_CODE and EMAIL_CODE." })
  code?: string | null;

  @Field(() => [SecurityAnswerInput], { nullable: true, description: "Answers to both questions of the challenge, for SECURITY_QUESTIONS." })
  answers?: SecurityAnswerInput[] | null;

  @Field(() => RememberDeviceInput, {
    nullable: true,
    description: "Register this device so later logins from it skip step-up. Not for shared devices.",
  })
  rememberDevice?: RememberDeviceInput | null;

  @Field(() => SessionDelivery, { nullable: true, description: "How the session is handed over [BEARER]." })
  sessionDelivery?: SessionDelivery | null;
}
