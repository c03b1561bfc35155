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
  description: "Why a recovery could not start.",
  valuesConfig: {
    NOT_VERIFIED: { description: "The tax id and account do not match an account holder (or no such account)." },
    NOT_ENROLLED: { description: "The person has no online credentials yet: enroll instead (answered before NO_CONTACT_ON_FILE)." },
    NO_CONTACT_ON_FILE: { description: "No phone or email on file to send a code to: the message says to call the bank." },
    TOO_MANY_ATTEMPTS: {
      description:
        "Too many tries lately for this tax id, account number or VIN, or from this client, or too many wrong recovery codes for this person; retryAfterSeconds says when to try again.",
    },
    INVALID_INPUT: { description: "A field is malformed or missing (the tax id's form, exactly one of accountNumber and vin); the message says which." },
  },
});

@ObjectType({ description: "The person is verified: complete the challenge with a code (sendSecurityCode, then completeRecovery)." })
export class RecoveryStarted {
  @Field(() => StepUpChallenge, { description: "Offers only SMS_CODE and EMAIL_CODE; send a code with sendSecurityCode." })
  challenge!: StepUpChallenge;
}

@ObjectType({ description: "The recovery could not start; code says why." })
export class RecoveryRejected {
  @Field(() => RecoveryRejection, { description: "Why it was refused. Stable: clients branch on it." })
  code!: RecoveryRejection;

  @Field({ description: "A message fit to show the person; it never says which detail failed to verify." })
  message!: string;

  @Field(() => Int, { nullable: true, description: "When another try is allowed, for TOO_MANY_ATTEMPTS." })
  retryAfterSeconds!: number | null;
}

@ObjectType({ description: "The recovery is done: the person's username and, with newPassword, the password set." })
export class RecoveryCompleted {
  @Field({ description: "The person's username." })
  username!: string;

  @Field({ description: "True when newPassword was set." })
  passwordChanged!: boolean;
}

export const StartRecoveryResult = createUnionType({
  name: "StartRecoveryResult",
  description: "What startRecovery answers: a challenge, or why not.",
  types: () => [RecoveryStarted, RecoveryRejected] as const,
});

export const CompleteRecoveryResult = createUnionType({
  name: "CompleteRecoveryResult",
  description: "What completeRecovery answers: the recovery done, a refused code (StepUpRejected) or a refused new password (CredentialChangeRejected).",
  types: () => [RecoveryCompleted, StepUpRejected, CredentialChangeRejected] as const,
});
