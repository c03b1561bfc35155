import { createUnionType, Field, ObjectType, registerEnumType } from "type-graphql";
import { Session } from "../../modules/session/session.type";

export enum RefreshRejection {
  /** Unknown, expired, already used (its chain is then ended), or not with its device's deviceToken. */
  INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN",
  /** The device's sign-ins are locked after too many failures from it. */
  ACCOUNT_LOCKED = "ACCOUNT_LOCKED",
}

registerEnumType(RefreshRejection, {
  name: "RefreshRejection",
  description: "Why a refresh was refused.",
  valuesConfig: {
    INVALID_REFRESH_TOKEN: { description: "Unknown, expired, already used, or not for this device." },
    ACCOUNT_LOCKED: { description: "Online access is temporarily locked." },
  },
});

@ObjectType({ description: "The session is renewed." })
export class SessionRefreshed {
  @Field(() => Session, { description: "The new session, with the next refresh token." })
  session!: Session;
}

@ObjectType({ description: "The refresh was refused: sign in again. code says why." })
export class RefreshRejected {
  @Field(() => RefreshRejection, { description: "Why it was refused. Stable: clients branch on it." })
  code!: RefreshRejection;

  @Field({ description: "A message fit to show the person." })
  message!: string;
}

export const RefreshSessionResult = createUnionType({
  name: "RefreshSessionResult",
  description: "What refreshSession answers: a new session, or why not.",
  types: () => [SessionRefreshed, RefreshRejected] as const,
});
