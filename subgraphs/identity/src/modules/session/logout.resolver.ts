import { unauthenticated } from "@oa/platform";
import { Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { SecurityEventKind } from "../security-event/security-event-kind";
import { endSessions } from "./end-sessions";
import { LogoutResult } from "./logout-result.type";

@Resolver()
export class LogoutResolver {
  @Mutation(() => LogoutResult, { description: "Ends the current session; its access token is refused from then on. Needs a session." })
  async logout(@Ctx() context: IdentityContext): Promise<LogoutResult> {
    if (!context.session) throw unauthenticated();
    const { userId, deviceId } = context.session;
    await context.services.securityEvents.record({ userId, kind: SecurityEventKind.SIGNED_OUT, deviceId, clientAddress: context.credential.clientIp });
    // Its refresh token ends with it.
    const ended = await context.services.sessions.revoke(context.session.id);
    context.handover.endedCurrent = true;
    context.services.logger.info("logged out", { userId });
    return Object.assign(new LogoutResult(), { loggedOut: true, endedSessions: ended ? 1 : 0 });
  }

  @Mutation(() => LogoutResult, { description: "Ends every session of the signed-in user, this one included. Needs a session." })
  async logoutEverywhere(@Ctx() context: IdentityContext): Promise<LogoutResult> {
    if (!context.session) throw unauthenticated();
    const { userId, deviceId } = context.session;
    // This one signed out; the others ended (SESSIONS_ENDED, through endSessions).
    await context.services.securityEvents.record({ userId, kind: SecurityEventKind.SIGNED_OUT, deviceId, clientAddress: context.credential.clientIp });
    const ended = await endSessions(context.services, userId, {}, { deviceId, clientAddress: context.credential.clientIp });
    context.handover.endedCurrent = true;
    context.services.logger.info("logged out everywhere", { userId, endedSessions: ended });
    return Object.assign(new LogoutResult(), { loggedOut: true, endedSessions: ended });
  }
}
