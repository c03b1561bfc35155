import { unauthenticated } from "@oa/platform";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { endSessions } from "./end-sessions";
import { EndSessionResult, SessionEnded, SessionNotFound } from "./end-session-result.type";

// A session id is the SHA-256 (hex) of its access token.
const SESSION_ID = /^[0-9a-f]{64}$/;

@Resolver()
export class EndSessionResolver {
  @Mutation(() => EndSessionResult, { description: "Ends one of the signed-in user's sessions (e.g. a phone left signed in). Needs a session." })
  async endSession(@Arg("id", () => ID) id: string, @Ctx() context: IdentityContext): Promise<typeof EndSessionResult> {
    if (!context.session) throw unauthenticated();
    const { userId, deviceId } = context.session;
    const notFound = Object.assign(new SessionNotFound(), { id });
    // Someone else's session is not found, exactly like one that never was.
    const session = SESSION_ID.test(id) ? await context.services.sessions.get(id) : null;
    if (!session || session.userId !== userId) return notFound;
    const ended = await endSessions(context.services, userId, { sessionId: id }, { deviceId, clientAddress: context.credential.clientIp });
    if (ended === 0) return notFound;
    if (id === context.session.id) context.handover.endedCurrent = true;
    return Object.assign(new SessionEnded(), { id });
  }
}
