import { createUnionType, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import type { CredentialRefusal } from "./credential-change.outcome";

/** Why a password or security answers change (or a recovery's new password) was refused. Stable codes. */
export enum CredentialChangeRejection {
  WRONG_CURRENT_PASSWORD = "WRONG_CURRENT_PASSWORD",
  WEAK_PASSWORD = "WEAK_PASSWORD",
  SAME_AS_CURRENT = "SAME_AS_CURRENT",
  INVALID_ANSWERS = "INVALID_ANSWERS",
  ACCOUNT_LOCKED = "ACCOUNT_LOCKED",
}

registerEnumType(CredentialChangeRejection, {
  name: "CredentialChangeRejection",
  valuesConfig: {
    WRONG_CURRENT_PASSWORD: { description: "Counts toward the lock like a failed login." },
    INVALID_ANSWERS: { description: "Not three answers to three different catalog questions, or an empty answer." },
  },
});

@ObjectType()
export class CredentialChangeRejected {
  @Field(() => CredentialChangeRejection)
  code!: CredentialChangeRejection;

  @Field({ description: "Says which rule failed, e.g. which password rule the new password breaks." })
  message!: string;

  @Field(() => Int, { nullable: true, description: "When the lock lifts, for ACCOUNT_LOCKED." })
  retryAfterSeconds!: number | null;
}

@ObjectType()
export class PasswordChanged {
  @Field(() => Int, { description: "How many other sessions this ended." })
  endedSessions!: number;
}

@ObjectType()
export class SecurityAnswersChanged {
  @Field()
  changed!: boolean;
}

export const ChangePasswordResult = createUnionType({
  name: "ChangePasswordResult",
  types: () => [PasswordChanged, CredentialChangeRejected] as const,
});

export const ChangeSecurityAnswersResult = createUnionType({
  name: "ChangeSecurityAnswersResult",
  types: () => [SecurityAnswersChanged, CredentialChangeRejected] as const,
});

/** The contract's CredentialChangeRejected for a refusal: the one place a refusal becomes this answer. */
export function toCredentialChangeRejected(refusal: CredentialRefusal): CredentialChangeRejected {
  const { code, message, retryAfterSeconds } = refusal;
  return Object.assign(new CredentialChangeRejected(), { code: CredentialChangeRejection[code], message, retryAfterSeconds });
}
