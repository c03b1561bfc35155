import type { ForwardedSession } from "@oa/platform";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { CurrentSession } from "../../access";
import type { IdentityContext } from "../../context";
import { requestOf, sessionEndingOf } from "../../request-ports";
import { endOneSession } from "./end-one-session";
import { EndSessionResult, SessionEnded, SessionNotFound } from "./end-session-result.type";

@Resolver()
export class EndSessionResolver {
  @Authorized()
  @Mutation(() => EndSessionResult, { description: "Ends one of the signed-in user's sessions (e.g. a phone left signed in). Needs a session." })
  async endSession(
    @Arg("id", () => ID, { description: "The session's id (ActiveSession.id)." }) id: string,
    @CurrentSession() session: ForwardedSession,
    @Ctx() context: IdentityContext,
  ): Promise<typeof EndSessionResult> {
    const outcome = await endOneSession(sessionEndingOf(context), { ...requestOf(context), session }, id);
    return Object.assign(outcome.kind === "ended" ? new SessionEnded() : new SessionNotFound(), { id: outcome.id });
  }
}
