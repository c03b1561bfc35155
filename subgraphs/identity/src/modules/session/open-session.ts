import { DeviceSessionsEndedError, type SessionHandover, type SessionRecord, type SessionStore } from "@oa/platform";
import { SessionDelivery } from "./session-delivery";

/** A new session's credential as the answer shows it (the contract's Session: session.type.ts). */
export interface OpenedSession {
  /** null when delivered as a cookie. */
  accessToken: string | null;
  expiresAt: Date;
  /** How its refresh token comes to be (Session.refreshTokenOf). */
  refreshTokenOf?: () => Promise<string | null>;
}

export interface SessionOpening {
  userId: string;
  customerId: string;
  /** The registered device it is opened on (a login with its deviceToken, or the step-up that registered it). */
  deviceId: string | null;
  delivery: SessionDelivery;
}

/**
 * Opens a session for a login that has proved who it is. BEARER: the token is in the answer, and a
 * session on a registered device gets a refresh token when the answer asks for one. COOKIE: the
 * token goes to the gateway in `handover` (it sets the cookie) and the answer carries none.
 * Null when the device was removed while the session was opened (it is closed again).
 */
export async function openSession(sessions: SessionStore, handover: SessionHandover, opening: SessionOpening): Promise<OpenedSession | null> {
  let opened: { accessToken: string; session: SessionRecord };
  try {
    opened = await sessions.create({ userId: opening.userId, customerId: opening.customerId, deviceId: opening.deviceId, delivery: opening.delivery });
  } catch (error) {
    if (error instanceof DeviceSessionsEndedError) return null;
    throw error;
  }
  const { accessToken, session } = opened;
  const answer: OpenedSession = { accessToken, expiresAt: new Date(session.expiresAt) };
  if (opening.delivery === SessionDelivery.COOKIE) {
    handover.session = { accessToken, endsAt: session.endsAt };
    answer.accessToken = null;
    return answer;
  }
  if (session.deviceId !== null) {
    let started: Promise<string | null> | undefined;
    // Once per answer, however many aliases ask.
    answer.refreshTokenOf = () => (started ??= sessions.startRefreshChain(session));
  }
  return answer;
}

/** A renewal's session, with the refresh token already made. */
export function renewedSession(accessToken: string, session: SessionRecord, refreshToken: string): OpenedSession {
  return { accessToken, expiresAt: new Date(session.expiresAt), refreshTokenOf: async () => refreshToken };
}
