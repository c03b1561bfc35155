import { badUserInput } from "@oa/platform";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { IdentityContext } from "../../context";
import { User } from "../user/user.type";
import { MAX_EVENTS_PER_READ } from "./security-events";
import { SecurityEvent } from "./security-event.type";

@Resolver(() => User)
export class UserSecurityEventsResolver {
  @FieldResolver(() => [SecurityEvent], {
    description: "The user's recent security events, newest first: at most `first` (1 to 100; else BAD_USER_INPUT).",
  })
  async securityEvents(
    @Root() user: User,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20, description: "How many of the newest events: 1 to 100." }) first: number,
    @Ctx() context: IdentityContext,
  ): Promise<SecurityEvent[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_EVENTS_PER_READ) throw badUserInput(`first must be 1 to ${MAX_EVENTS_PER_READ}.`);
    // Only ever the signed-in user's own, whatever User the plan asks about.
    if (!context.session || user.id !== context.session.userId) return [];
    const rows = await context.services.securityEvents.newest(user.id, first);
    return rows.map(({ id, kind, at, deviceName, clientAddress }) => Object.assign(new SecurityEvent(), { id, kind, at, deviceName, clientAddress }));
  }
}
