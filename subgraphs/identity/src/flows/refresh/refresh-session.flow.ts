import { type AttemptGuard, clientPlace, type Logger, type RefreshChain, reservePlaces, type SessionStore } from "@oa/platform";
import type DataLoader from "dataloader";
import type { DeviceTrustCalls } from "../../modules/device/device-trust.calls";
import type { LoginLockout } from "../../modules/lockout/login-lockout";
import type { SecurityEvents } from "../../modules/security-event/security-events";
import { endSessions, type EndedBy } from "../../modules/session/end-sessions";
import { renewedSession } from "../../modules/session/open-session";
import { type RefreshOutcome, refreshRefusals } from "./refresh.outcome";

/** What a refresh uses, and nothing else. */
export interface RefreshDeps {
  /** The sessions and their refresh chains. */
  sessions: SessionStore;
  clientAttempts: AttemptGuard;
  deviceTrust: Pick<DeviceTrustCalls, "useTrustedDevice">;
  /** The device's own budget: its lock refuses a refresh as it would its login. */
  lockout: LoginLockout;
  /** The request's loader of users by id (the username keys the lock). */
  users: Pick<DataLoader<string, { username: string } | null>, "load">;
  /** A reused token's chain ends through endSessions, which records it. */
  securityEvents: Pick<SecurityEvents, "record">;
  logger: Logger;
  supportPhone: string;
}

/** What a refresh is asked with (RefreshSessionInput). */
export interface RefreshRequestInput {
  refreshToken: string;
  deviceToken: string;
}

/**
 * Trades a refresh token for a new session and a new refresh token (docs/decisions/0017):
 *   client address past CLIENT_MAX_FAILURES → INVALID_REFRESH_TOKEN (nothing checked)
 *   unknown, expired or ended token          → INVALID_REFRESH_TOKEN, a failure for the client
 *   a token already traded (reuse)           → INVALID_REFRESH_TOKEN, and every session of its chain ends
 *   not with its device's deviceToken, or the device is no longer registered
 *                                            → INVALID_REFRESH_TOKEN, a failure for the client
 *   the device's sign-ins locked             → ACCOUNT_LOCKED (as its login would be)
 *   right                                    → refreshed; the token is used up, the session it
 *                                              came with ends, the new token is the chain's current one
 * A place on the client's budget is reserved before anything is looked up, like every other guess.
 */
export async function refreshSession(deps: RefreshDeps, request: { clientAddress: string | null }, input: RefreshRequestInput): Promise<RefreshOutcome> {
  const reservation = await reservePlaces(clientPlace(deps.clientAttempts, request.clientAddress));
  if ("refused" in reservation) return refreshRefusals.tooManyAttempts();
  const { held } = reservation;
  try {
    const found = await deps.sessions.refreshChains.lookup(input.refreshToken);
    if (found.state === "unknown") {
      await held.failed();
      return refreshRefusals.invalid();
    }
    const { chain } = found;
    const endedBy: EndedBy = { deviceId: chain.deviceId, clientAddress: request.clientAddress };
    if (found.state === "reused") {
      await endChain(deps, chain, endedBy);
      await held.failed();
      return refreshRefusals.invalid();
    }
    // The refresh token alone is worth nothing: its device's own token must come with it.
    if ((await deps.deviceTrust.useTrustedDevice(chain.userId, input.deviceToken)) !== chain.deviceId) {
      await held.failed();
      return refreshRefusals.invalid();
    }
    if (await deviceLocked(deps, chain)) return refreshRefusals.accountLocked(deps.supportPhone);
    const renewal = await deps.sessions.renew(chain, input.refreshToken);
    if ("lost" in renewal) {
      // Traded by someone else in between: the same token used twice.
      if (renewal.lost === "reused") await endChain(deps, chain, endedBy);
      await held.failed();
      return refreshRefusals.invalid();
    }
    await held.succeeded();
    const { accessToken, session, refreshToken } = renewal.renewed;
    deps.logger.info("session renewed", { userId: chain.userId, deviceId: chain.deviceId });
    return { kind: "refreshed", session: renewedSession(accessToken, session, refreshToken) };
  } finally {
    await held.released();
  }
}

/** Whether the device's own budget is locked: the lock its login with the deviceToken would meet. */
async function deviceLocked(deps: RefreshDeps, chain: RefreshChain): Promise<boolean> {
  const { lockout } = deps;
  const user = await deps.users.load(chain.userId);
  if (!user) return true;
  const state = await lockout.check(lockout.deviceSubjectOf(lockout.subjectOf(user.username), chain.deviceId));
  return state.locked;
}

/**
 * Ends a chain whose token was used twice, with its current session (OAuth 2.0 Security BCP:
 * whoever holds either copy must sign in again). Read again each time: it may move on meanwhile.
 */
async function endChain(deps: RefreshDeps, chain: RefreshChain, endedBy: EndedBy): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = await deps.sessions.refreshChains.get(chain);
    if (!now) return;
    await endSessions(deps, chain.userId, { sessionId: now.sessionId }, endedBy);
  }
  deps.logger.warn("a reused refresh chain kept moving on", { userId: chain.userId });
}
