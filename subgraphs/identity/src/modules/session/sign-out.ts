import type { ForwardedSession, Logger, SessionHandover, SessionStore } from "@oa/platform";
import { SecurityEventKind } from "../security-event/security-event-kind";
import type { SecurityEvents } from "../security-event/security-events";
import { endSessions } from "./end-sessions";

/** What ending the signed-in user's sessions uses. */
export interface SignOutDeps {
  sessions: SessionStore;
  securityEvents: Pick<SecurityEvents, "record">;
  logger: Logger;
}

/** The request's facts: its session, where it came from, and where the end of its own session is told to the gateway. */
export interface SignedInRequest {
  session: ForwardedSession;
  clientAddress: string | null;
  handover: SessionHandover;
}

/** logout: ends the current session (SIGNED_OUT), its refresh token with it; answers how many ended (0 or 1). */
export async function signOut(deps: SignOutDeps, request: SignedInRequest): Promise<number> {
  const { userId, deviceId, id } = request.session;
  await deps.securityEvents.record({ userId, kind: SecurityEventKind.SIGNED_OUT, deviceId, clientAddress: request.clientAddress });
  // Its refresh token ends with it.
  const ended = await deps.sessions.revoke(id);
  request.handover.endedCurrent = true;
  deps.logger.info("logged out", { userId });
  return ended ? 1 : 0;
}

/** logoutEverywhere: ends every session of the user, this one included; answers how many ended. */
export async function signOutEverywhere(deps: SignOutDeps, request: SignedInRequest): Promise<number> {
  const { userId, deviceId } = request.session;
  // This one signed out; the others ended (SESSIONS_ENDED, through endSessions).
  await deps.securityEvents.record({ userId, kind: SecurityEventKind.SIGNED_OUT, deviceId, clientAddress: request.clientAddress });
  const ended = await endSessions(deps, userId, {}, { deviceId, clientAddress: request.clientAddress });
  request.handover.endedCurrent = true;
  deps.logger.info("logged out everywhere", { userId, endedSessions: ended });
  return ended;
}
