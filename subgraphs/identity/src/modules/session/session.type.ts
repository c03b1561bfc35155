import { DateTimeScalar } from "@oa/platform";
import { Field, ObjectType } from "type-graphql";
import type { OpenedSession } from "./open-session";

/** A new session's credential: shown once, in the answer that opened it (refreshToken: session.resolver.ts). */
@ObjectType({ description: "A new session: its credential, shown once in the answer that opened it, and when it ends." })
export class Session {
  @Field(() => String, { nullable: true, description: "Send as 'Authorization: Bearer <accessToken>'. null when delivered as a cookie." })
  accessToken!: string | null;

  @Field(() => DateTimeScalar, { description: "When the session ends unless it is used: each use moves this on, up to an absolute limit." })
  expiresAt!: Date;

  /**
   * Not a field: how this session's refresh token comes to be. A renewal's is already made; a new
   * sign-in's on a registered device starts its chain when (and only if) the answer asks for it.
   */
  refreshTokenOf?: () => Promise<string | null>;
}

/** The contract's Session for a session just opened or renewed. */
export function toSession(opened: OpenedSession): Session {
  return Object.assign(new Session(), opened);
}
