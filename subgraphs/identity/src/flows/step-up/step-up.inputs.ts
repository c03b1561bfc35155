import { Field, ID, InputType } from "type-graphql";
import { DevicePlatform } from "../../modules/device/device-platform";
import { SessionDelivery } from "../../modules/session/session-delivery";
import { SecurityAnswerInput } from "../../modules/security-question/security-answer.input";
import { StepUpMethod } from "../../modules/step-up/step-up-method";

@InputType({ description: "Which challenge to send a code for, and by which method." })
export class SendSecurityCodeInput {
  @Field(() => ID, { description: "The pending challenge's id (StepUpChallenge.id)." })
  challengeId!: string;

  @Field(() => StepUpMethod, { description: "SMS_CODE or EMAIL_CODE." })
  method!: StepUpMethod;
}

@InputType({ description: "The device to register: a name the person will recognise, and what it runs on." })
export class RememberDeviceInput {
  @Field({ description: "A name the person will recognise, e.g. 'Laptop': 1 to 64 characters, without control or invisible formatting characters." })
  name!: string;

  @Field(() => DevicePlatform, { description: "What the device runs on." })
  platform!: DevicePlatform;
}

@InputType({ description: "A try at a challenge, with exactly one of code and answers." })
export class VerifyStepUpInput {
  @Field(() => ID, { description: "The pending challenge's id (StepUpChallenge.id)." })
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
