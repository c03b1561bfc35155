import type { SessionStore } from "@oa/platform";
import type { SecurityEvents } from "../security-event/security-events";
import { endSessions } from "./end-sessions";
import type { SignedInRequest } from "./sign-out";

// A session id is the SHA-256 (hex) of its access token.
const SESSION_ID = /^[0-9a-f]{64}$/;

/** How endSession ends: the contract's EndSessionResult (mapped in end-session.resolver.ts). */
export type EndSessionOutcome = { kind: "ended"; id: string } | { kind: "notFound"; id: string };

/** endSession: ends one of the signed-in user's sessions (SESSIONS_ENDED, through endSessions). */
export async function endOneSession(
  deps: { sessions: SessionStore; securityEvents: Pick<SecurityEvents, "record"> },
  request: SignedInRequest,
  id: string,
): Promise<EndSessionOutcome> {
  const { userId, deviceId } = request.session;
  // Someone else's session is not found, exactly like one that never was.
  const session = SESSION_ID.test(id) ? await deps.sessions.get(id) : null;
  if (!session || session.userId !== userId) return { kind: "notFound", id };
  const ended = await endSessions(deps, userId, { sessionId: id }, { deviceId, clientAddress: request.clientAddress });
  if (ended === 0) return { kind: "notFound", id };
  if (id === request.session.id) request.handover.endedCurrent = true;
  return { kind: "ended", id };
}
