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
  description: "Why a credential change was refused.",
  valuesConfig: {
    WRONG_CURRENT_PASSWORD: { description: "Counts toward the lock like a failed login." },
    WEAK_PASSWORD: { description: "The new password breaks a password rule; the message says which." },
    SAME_AS_CURRENT: { description: "The new password is the current one." },
    INVALID_ANSWERS: { description: "Not three answers to three different catalog questions, or an empty answer." },
    ACCOUNT_LOCKED: {
      description: "Online access is temporarily locked, or too many tries were made just now: nothing was checked. retryAfterSeconds says when to try again.",
    },
  },
});

@ObjectType({ description: "A password or security answers change, or a recovery's new password, was refused and nothing changed; code says why." })
export class CredentialChangeRejected {
  @Field(() => CredentialChangeRejection, { description: "Why it was refused. Stable: clients branch on it." })
  code!: CredentialChangeRejection;

  @Field({ description: "Says which rule failed, e.g. which password rule the new password breaks." })
  message!: string;

  @Field(() => Int, { nullable: true, description: "When the lock lifts, for ACCOUNT_LOCKED." })
  retryAfterSeconds!: number | null;
}

@ObjectType({ description: "The password is changed: every other session ended, and a notice went to the contacts on file." })
export class PasswordChanged {
  @Field(() => Int, { description: "How many other sessions this ended." })
  endedSessions!: number;
}

@ObjectType({ description: "The security answers are replaced, and a notice went to the contacts on file." })
export class SecurityAnswersChanged {
  @Field({ description: "Always true." })
  changed!: boolean;
}

export const ChangePasswordResult = createUnionType({
  name: "ChangePasswordResult",
  description: "What changePassword answers: the password changed, or why not.",
  types: () => [PasswordChanged, CredentialChangeRejected] as const,
});

export const ChangeSecurityAnswersResult = createUnionType({
  name: "ChangeSecurityAnswersResult",
  description: "What changeSecurityAnswers answers: the answers replaced, or why not.",
  types: () => [SecurityAnswersChanged, CredentialChangeRejected] as const,
});

/** The contract's CredentialChangeRejected for a refusal: the one place a refusal becomes this answer. */
export function toCredentialChangeRejected(refusal: CredentialRefusal): CredentialChangeRejected {
  const { code, message, retryAfterSeconds } = refusal;
  return Object.assign(new CredentialChangeRejected(), { code: CredentialChangeRejection[code], message, retryAfterSeconds });
}
