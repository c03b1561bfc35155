import { createUnionType, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Session } from "../../modules/session/session.type";
import { StepUpChallenge } from "../../modules/step-up/step-up-challenge.type";

export enum LoginRejection {
  /** Returned for a wrong password and for an unknown username alike. */
  INVALID_CREDENTIALS = "INVALID_CREDENTIALS",
  /** Returned while the username's lock holds, whatever the password. */
  ACCOUNT_LOCKED = "ACCOUNT_LOCKED",
  /** Too many failed tries from this client address, or a flood of parallel logins for one username. */
  TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS",
}

registerEnumType(LoginRejection, {
  name: "LoginRejection",
  description: "Why a sign-in was refused.",
  valuesConfig: {
    INVALID_CREDENTIALS: { description: "Unknown username and wrong password look the same." },
    ACCOUNT_LOCKED: { description: "Online access is temporarily locked; the message says how to contact the bank." },
    TOO_MANY_ATTEMPTS: { description: "Too many attempts from this client; try later." },
  },
});

@ObjectType({ description: "Signed in at once, from a registered device." })
export class LoginSucceeded {
  @Field(() => Session, { description: "The new session." })
  session!: Session;
}

@ObjectType({
  description: "The password is right, but this device is not registered: complete the challenge (sendSecurityCode, then verifyStepUp) to sign in.",
})
export class StepUpRequired {
  @Field(() => StepUpChallenge, { description: "The challenge to complete." })
  challenge!: StepUpChallenge;
}

@ObjectType({ description: "The sign-in was refused; code says why." })
export class LoginRejected {
  @Field(() => LoginRejection, { description: "Why it was refused. Stable: clients branch on it." })
  code!: LoginRejection;

  @Field({ description: "A message fit to show the person." })
  message!: string;

  @Field(() => Int, { nullable: true, description: "When the lock lifts, for ACCOUNT_LOCKED and TOO_MANY_ATTEMPTS." })
  retryAfterSeconds!: number | null;
}

export const LoginResult = createUnionType({
  name: "LoginResult",
  description: "What login answers: a session, a step-up challenge to complete first, or a refusal.",
  types: () => [LoginSucceeded, StepUpRequired, LoginRejected] as const,
});
