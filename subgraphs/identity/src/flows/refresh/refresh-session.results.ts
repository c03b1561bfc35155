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
  valuesConfig: {
    INVALID_REFRESH_TOKEN: { description: "Unknown, expired, already used, or not for this device." },
    ACCOUNT_LOCKED: { description: "Online access is temporarily locked." },
  },
});

@ObjectType()
export class SessionRefreshed {
  @Field(() => Session)
  session!: Session;
}

@ObjectType()
export class RefreshRejected {
  @Field(() => RefreshRejection)
  code!: RefreshRejection;

  @Field()
  message!: string;
}

export const RefreshSessionResult = createUnionType({
  name: "RefreshSessionResult",
  types: () => [SessionRefreshed, RefreshRejected] as const,
});
