/** Which of a user's sessions to end: all, all but one, one device's, or exactly one. */
export interface SessionSelection {
  /** Every session but this one (a password change keeps the session that made it). */
  except?: string | null;
  /** Only the sessions opened on this registered device (its removal). */
  deviceId?: string;
  /** Only this session (endSession, logout, a reused refresh token's chain). */
  sessionId?: string;
}

/**
 * Whether `selection` picks a session, or a refresh chain by the session it is paired with: every
 * condition given must hold, so an empty selection picks everything.
 */
export function selects(selection: SessionSelection, target: { sessionId: string; deviceId: string | null }): boolean {
  if (selection.except != null && target.sessionId === selection.except) return false;
  if (selection.deviceId !== undefined && target.deviceId !== selection.deviceId) return false;
  if (selection.sessionId !== undefined && target.sessionId !== selection.sessionId) return false;
  return true;
}
