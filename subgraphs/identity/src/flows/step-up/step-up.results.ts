import { DateTimeScalar } from "@oa/platform";
import { createUnionType, Directive, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Device, PROVIDED_DEVICE_FIELDS } from "../../modules/device/device.type";
import { Session } from "../../modules/session/session.type";
import type { StepUpRefusal } from "./step-up.outcome";

export enum StepUpRejection {
  /** A wrong code; a try of the challenge is used up. */
  INVALID_CODE = "INVALID_CODE",
  /** Wrong answers (or not the challenge's two questions); a try is used up. */
  INVALID_ANSWERS = "INVALID_ANSWERS",
  /** The right code after its expiry, or once more after it completed the challenge. */
  CODE_EXPIRED = "CODE_EXPIRED",
  /** No such pending challenge: unknown, expired or completed. */
  CHALLENGE_EXPIRED = "CHALLENGE_EXPIRED",
  /** The challenge's last try was wrong; it is void. */
  TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS",
  /** Online access is locked: nothing is tried. */
  ACCOUNT_LOCKED = "ACCOUNT_LOCKED",
  /** sendSecurityCode within 30 seconds of the previous code. */
  RESEND_TOO_SOON = "RESEND_TOO_SOON",
  /** A method without a contact on file, a code asked for SECURITY_QUESTIONS, or verifyStepUp without exactly one of code and answers. */
  METHOD_UNAVAILABLE = "METHOD_UNAVAILABLE",
}

registerEnumType(StepUpRejection, {
  name: "StepUpRejection",
  description: "Why a step-up or recovery try, or a request for a code, was refused.",
  valuesConfig: {
    INVALID_CODE: { description: "A wrong code; a try of the challenge is used up." },
    INVALID_ANSWERS: { description: "Wrong answers, or not the challenge's two questions; a try is used up." },
    CODE_EXPIRED: { description: "The code was right once but has expired or was already used." },
    CHALLENGE_EXPIRED: { description: "The challenge is unknown, expired or already completed." },
    TOO_MANY_ATTEMPTS: { description: "The challenge's tries are used up; the challenge is void." },
    ACCOUNT_LOCKED: { description: "Online access is temporarily locked." },
    RESEND_TOO_SOON: {
      description: "A code was sent for this challenge less than 30 seconds ago, or too many codes were sent to this person lately; the message says when to ask again.",
    },
    METHOD_UNAVAILABLE: { description: "The method is not available for this person or this call." },
  },
});

@ObjectType({ description: "The try, or the request for a code, was refused; code says why." })
export class StepUpRejected {
  @Field(() => StepUpRejection, { description: "Why it was refused. Stable: clients branch on it." })
  code!: StepUpRejection;

  @Field({ description: "A message fit to show the person." })
  message!: string;

  @Field(() => Int, { nullable: true, description: "Tries left on this challenge, where that applies." })
  attemptsRemaining!: number | null;
}

@ObjectType({ description: "A security code is on its way." })
export class SecurityCodeSent {
  @Field({ description: "Where it was sent, masked (e.g. ***-***-0101)." })
  destination!: string;

  @Field(() => DateTimeScalar, { description: "When this code stops working." })
  expiresAt!: Date;

  @Field(() => Int, { description: "How long before another code may be sent." })
  resendAfterSeconds!: number;
}

@ObjectType({ description: "The device verifyStepUp has just registered, with its device credential." })
export class RegisteredDevice {
  // identity has just registered it, so it answers every field itself.
  @Directive(`@provides(fields: "${PROVIDED_DEVICE_FIELDS}")`)
  @Field(() => Device, { description: "The device, as User.devices lists it." })
  device!: Device;

  @Field(() => String, {
    nullable: true,
    description:
      "The device credential to keep on the device and send as LoginInput.deviceToken. Shown once.\n" +
      "null when the session was delivered as a cookie: the gateway keeps it in an HttpOnly cookie.",
  })
  deviceToken!: string | null;
}

@ObjectType({ description: "Verified and signed in." })
export class StepUpSucceeded {
  @Field(() => Session, { description: "The new session." })
  session!: Session;

  @Field(() => RegisteredDevice, { nullable: true, description: "Present when rememberDevice was given." })
  registeredDevice!: RegisteredDevice | null;
}

export const SendSecurityCodeResult = createUnionType({
  name: "SendSecurityCodeResult",
  description: "What sendSecurityCode answers: the code sent, or why not.",
  types: () => [SecurityCodeSent, StepUpRejected] as const,
});

export const VerifyStepUpResult = createUnionType({
  name: "VerifyStepUpResult",
  description: "What verifyStepUp answers: a session, or why not.",
  types: () => [StepUpSucceeded, StepUpRejected] as const,
});

/** The contract's StepUpRejected for a refused try or code (step-up's and recovery's alike). */
export function toStepUpRejected(refusal: StepUpRefusal): StepUpRejected {
  return Object.assign(new StepUpRejected(), { code: StepUpRejection[refusal.code], message: refusal.message, attemptsRemaining: refusal.attemptsRemaining });
}
