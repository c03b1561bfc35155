import type { SessionSelection, SessionStore } from "@oa/platform";
import { SecurityEventKind } from "../security-event/security-event-kind";
import type { SecurityEventInput, SecurityEvents } from "../security-event/security-events";

/** Who ends sessions and why, as the SESSIONS_ENDED event records it. */
export type EndedBy = Omit<SecurityEventInput, "userId" | "kind">;

/**
 * Ends the sessions of a user that `selection` picks (all, all but the current one, or one
 * device's), recording one SESSIONS_ENDED event first when there is any to end. The one place
 * where a user's sessions are ended in bulk: password changes and resets, support, logging out
 * everywhere and removing a device all come through here. Answers how many ended.
 */
export async function endSessions(
  services: { sessions: SessionStore; securityEvents: SecurityEvents },
  userId: string,
  selection: SessionSelection,
  endedBy: EndedBy,
): Promise<number> {
  const live = (await services.sessions.listOf(userId)).filter(
    (session) => session.id !== selection.except && (selection.deviceId === undefined || session.deviceId === selection.deviceId),
  );
  if (live.length === 0) return 0;
  await services.securityEvents.record({ ...endedBy, userId, kind: SecurityEventKind.SESSIONS_ENDED });
  return (await services.sessions.revokeAll(userId, selection)).length;
}
