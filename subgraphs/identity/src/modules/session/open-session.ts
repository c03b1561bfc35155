import type { SessionStore } from "@oa/platform";
import { Session } from "./session.type";

/** Opens a session for a login that has proved who it is, from a registered device or none. */
export async function openSession(
  sessions: SessionStore,
  owner: { userId: string; customerId: string; deviceId: string | null },
): Promise<Session> {
  const { accessToken, session } = await sessions.create(owner);
  return Object.assign(new Session(), { accessToken, expiresAt: new Date(session.expiresAt) });
}
