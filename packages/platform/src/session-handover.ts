/**
 * What identity hands the gateway, beside its answer, about the session cookies of the request
 * (never in the answer's data): a subgraph response extension under SESSION_HANDOVER_EXTENSION,
 * which the gateway takes out of identity's response and turns into Set-Cookie headers.
 */
export interface SessionHandover {
  /** A session delivered as a cookie: its token and absolute end. */
  session?: { accessToken: string; endsAt: string };
  /** A device registered in a COOKIE step-up: its token, for the device cookie. */
  device?: { deviceToken: string };
  /** The request's own session was ended (logout, logoutEverywhere, endSession of itself). */
  endedCurrent?: boolean;
}

/** The response extension that carries a SessionHandover from identity to the gateway. */
export const SESSION_HANDOVER_EXTENSION = "oaSessionHandover";

/** True when the handover says anything. */
export function hasHandover(handover: SessionHandover): boolean {
  return handover.session !== undefined || handover.device !== undefined || handover.endedCurrent === true;
}
