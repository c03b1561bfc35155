import { unauthenticated } from "@oa/platform";
import { Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { SecurityEventKind } from "../security-event/security-event-kind";
import { LogoutResult } from "./logout-result.type";

@Resolver()
export class LogoutResolver {
  @Mutation(() => LogoutResult, { description: "Ends the current session; its access token is refused from then on. Needs a session." })
  async logout(@Ctx() context: IdentityContext): Promise<LogoutResult> {
    if (!context.session) throw unauthenticated();
    const { userId, deviceId } = context.session;
    await context.services.securityEvents.record({ userId, kind: SecurityEventKind.SIGNED_OUT, deviceId, clientAddress: context.credential.clientIp });
    await context.services.sessions.revoke(context.session.id);
    context.services.logger.info("logged out", { userId: context.session.userId });
    return Object.assign(new LogoutResult(), { loggedOut: true });
  }
}
