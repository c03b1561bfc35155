import type { ForwardedSession } from "@oa/platform";
import { Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { CurrentSession } from "../../access";
import type { IdentityContext } from "../../context";
import { requestOf, sessionEndingOf } from "../../request-ports";
import { LogoutResult } from "./logout-result.type";
import { signOut, signOutEverywhere } from "./sign-out";

@Resolver()
export class LogoutResolver {
  @Authorized()
  @Mutation(() => LogoutResult, { description: "Ends the current session; its access token is refused from then on. Needs a session." })
  async logout(@CurrentSession() session: ForwardedSession, @Ctx() context: IdentityContext): Promise<LogoutResult> {
    const ended = await signOut(sessionEndingOf(context), { ...requestOf(context), session });
    return Object.assign(new LogoutResult(), { loggedOut: true, endedSessions: ended });
  }

  @Authorized()
  @Mutation(() => LogoutResult, { description: "Ends every session of the signed-in user, this one included. Needs a session." })
  async logoutEverywhere(@CurrentSession() session: ForwardedSession, @Ctx() context: IdentityContext): Promise<LogoutResult> {
    const ended = await signOutEverywhere(sessionEndingOf(context), { ...requestOf(context), session });
    return Object.assign(new LogoutResult(), { loggedOut: true, endedSessions: ended });
  }
}
