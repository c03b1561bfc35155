import type { SessionSelection, SessionStore } from "@oa/platform";
import { SecurityEventKind } from "../security-event/security-event-kind";
import type { SecurityEventInput, SecurityEvents } from "../security-event/security-events";

/** Who ends sessions and why, as the SESSIONS_ENDED event records it. */
export type EndedBy = Omit<SecurityEventInput, "userId" | "kind">;

/**
 * Ends the sessions of a user that `selection` picks (all, all but the current one, one device's,
 * or exactly one) and the refresh tokens that go with them, recording one SESSIONS_ENDED event
 * first when there is any to end. The one place where a user's sessions are ended in bulk:
 * password changes and resets, support, logging out everywhere, ending one session and removing a
 * device all come through here. Answers how many sessions ended. `always` records the event even
 * when nothing was open: for an action someone took on purpose (support's end-sessions).
 */
export async function endSessions(
  deps: { sessions: SessionStore; securityEvents: Pick<SecurityEvents, "record"> },
  userId: string,
  selection: SessionSelection,
  endedBy: EndedBy,
  options: { always?: boolean } = {},
): Promise<number> {
  const picked = await deps.sessions.selected(userId, selection);
  const anyLive = picked.sessions.length > 0 || picked.refreshChains.length > 0;
  // A device's end always runs: it also bars sessions that sign-ins under way would open on it.
  if (!anyLive && selection.deviceId === undefined && !options.always) return 0;
  if (anyLive || options.always) await deps.securityEvents.record({ ...endedBy, userId, kind: SecurityEventKind.SESSIONS_ENDED });
  return (await deps.sessions.revokeAll(userId, selection)).length;
}
