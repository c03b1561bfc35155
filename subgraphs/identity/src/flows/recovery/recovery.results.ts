import { createUnionType, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { StepUpChallenge } from "../../modules/step-up/step-up-challenge.type";
import { CredentialChangeRejected } from "../credentials/credentials.results";
import { StepUpRejected } from "../step-up/step-up.results";

/** Why a recovery could not start. Stable codes: clients branch on them. */
export enum RecoveryRejection {
  NOT_VERIFIED = "NOT_VERIFIED",
  NOT_ENROLLED = "NOT_ENROLLED",
  NO_CONTACT_ON_FILE = "NO_CONTACT_ON_FILE",
  TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS",
  INVALID_INPUT = "INVALID_INPUT",
}

registerEnumType(RecoveryRejection, {
  name: "RecoveryRejection",
  valuesConfig: {
    NOT_VERIFIED: { description: "The tax id and account do not match an account holder (or no such account)." },
    NOT_ENROLLED: { description: "The person has no online credentials yet: enroll instead (answered before NO_CONTACT_ON_FILE)." },
    NO_CONTACT_ON_FILE: { description: "No phone or email on file to send a code to: the message says to call the bank." },
  },
});

@ObjectType()
export class RecoveryStarted {
  @Field(() => StepUpChallenge, { description: "Offers only SMS_CODE and EMAIL_CODE; send a code with sendSecurityCode." })
  challenge!: StepUpChallenge;
}

@ObjectType()
export class RecoveryRejected {
  @Field(() => RecoveryRejection)
  code!: RecoveryRejection;

  @Field()
  message!: string;

  @Field(() => Int, { nullable: true, description: "When another try is allowed, for TOO_MANY_ATTEMPTS." })
  retryAfterSeconds!: number | null;
}

@ObjectType()
export class RecoveryCompleted {
  @Field()
  username!: string;

  @Field({ description: "True when newPassword was set." })
  passwordChanged!: boolean;
}

export const StartRecoveryResult = createUnionType({
  name: "StartRecoveryResult",
  types: () => [RecoveryStarted, RecoveryRejected] as const,
});

export const CompleteRecoveryResult = createUnionType({
  name: "CompleteRecoveryResult",
  types: () => [RecoveryCompleted, StepUpRejected, CredentialChangeRejected] as const,
});
