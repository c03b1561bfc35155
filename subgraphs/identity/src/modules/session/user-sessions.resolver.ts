import type { SessionRecord } from "@oa/platform";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { IdentityContext } from "../../context";
import { Device } from "../device/device.type";
import { User } from "../user/user.type";
import { ActiveSession } from "./active-session.type";
import { SessionDelivery } from "./session-delivery";

@Resolver(() => User)
export class UserSessionsResolver {
  @FieldResolver(() => [ActiveSession], { description: "The user's open sessions, the current one first." })
  async sessions(@Root() user: User, @Ctx() context: IdentityContext): Promise<ActiveSession[]> {
    // Only ever the signed-in user's own, whatever User the plan asks about.
    const current = context.session;
    if (!current || user.id !== current.userId) return [];
    const live = await context.services.sessions.listOf(user.id);
    // Newest first, the current one before all.
    const ordered = [...live.filter((session) => session.id === current.id), ...live.filter((session) => session.id !== current.id)];
    return ordered.map((session) => activeSessionOf(session, current.id));
  }
}

function activeSessionOf(session: SessionRecord, currentId: string): ActiveSession {
  return Object.assign(new ActiveSession(), {
    id: session.id,
    // Only the id: device-trust answers the rest (identity's Device fields are @external but where it provides them).
    device: session.deviceId ? Object.assign(new Device(), { id: session.deviceId }) : null,
    delivery: session.delivery === "COOKIE" ? SessionDelivery.COOKIE : SessionDelivery.BEARER,
    startedAt: new Date(session.startedAt),
    lastSeenAt: new Date(session.lastSeenAt),
    expiresAt: new Date(session.expiresAt),
    current: session.id === currentId,
  });
}
