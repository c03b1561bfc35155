import { clientPlace, type RefreshChain, reservePlaces } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { useTrustedDevice } from "../../modules/device/device-trust.calls";
import { endSessions, type EndedBy } from "../../modules/session/end-sessions";
import { renewedSession } from "../../modules/session/open-session";
import { refreshRejections } from "./refresh.rejections";
import type { RefreshSessionInput } from "./refresh-session.input";
import { type RefreshSessionResult, SessionRefreshed } from "./refresh-session.results";

/**
 * Trades a refresh token for a new session and a new refresh token (docs/decisions/0017):
 *   client address past CLIENT_MAX_FAILURES → INVALID_REFRESH_TOKEN (nothing checked)
 *   unknown, expired or ended token          → INVALID_REFRESH_TOKEN, a failure for the client
 *   a token already traded (reuse)           → INVALID_REFRESH_TOKEN, and every session of its chain ends
 *   not with its device's deviceToken, or the device is no longer registered
 *                                            → INVALID_REFRESH_TOKEN, a failure for the client
 *   the device's sign-ins locked             → ACCOUNT_LOCKED (as its login would be)
 *   right                                    → SessionRefreshed; the token is used up, the session it
 *                                              came with ends, the new token is the chain's current one
 * A place on the client's budget is reserved before anything is looked up, like every other guess.
 */
export async function refreshSession(context: IdentityContext, input: RefreshSessionInput): Promise<typeof RefreshSessionResult> {
  const { services } = context;
  const reservation = await reservePlaces(clientPlace(services.clientAttempts, context.credential.clientIp));
  if ("refused" in reservation) return refreshRejections.tooManyAttempts();
  const { held } = reservation;
  try {
    const found = await services.sessions.refreshChains.lookup(input.refreshToken);
    if (found.state === "unknown") {
      await held.failed();
      return refreshRejections.invalid();
    }
    const { chain } = found;
    const endedBy: EndedBy = { deviceId: chain.deviceId, clientAddress: context.credential.clientIp };
    if (found.state === "reused") {
      await endChain(context, chain, endedBy);
      await held.failed();
      return refreshRejections.invalid();
    }
    // The refresh token alone is worth nothing: its device's own token must come with it.
    if ((await useTrustedDevice(services.deviceTrust, chain.userId, input.deviceToken)) !== chain.deviceId) {
      await held.failed();
      return refreshRejections.invalid();
    }
    if (await deviceLocked(context, chain)) return refreshRejections.accountLocked(services.settings);
    const renewal = await services.sessions.renew(chain, input.refreshToken);
    if ("lost" in renewal) {
      // Traded by someone else in between: the same token used twice.
      if (renewal.lost === "reused") await endChain(context, chain, endedBy);
      await held.failed();
      return refreshRejections.invalid();
    }
    await held.succeeded();
    const { accessToken, session, refreshToken } = renewal.renewed;
    services.logger.info("session renewed", { userId: chain.userId, deviceId: chain.deviceId });
    return Object.assign(new SessionRefreshed(), { session: renewedSession(accessToken, session, refreshToken) });
  } finally {
    await held.released();
  }
}

/** Whether the device's own budget is locked: the lock its login with the deviceToken would meet. */
async function deviceLocked(context: IdentityContext, chain: RefreshChain): Promise<boolean> {
  const { lockout } = context.services;
  const user = await context.loaders.user.load(chain.userId);
  if (!user) return true;
  const state = await lockout.check(lockout.deviceSubjectOf(lockout.subjectOf(user.username), chain.deviceId));
  return state.locked;
}

/**
 * Ends a chain whose token was used twice, with its current session (OAuth 2.0 Security BCP:
 * whoever holds either copy must sign in again). Read again each time: it may move on meanwhile.
 */
async function endChain(context: IdentityContext, chain: RefreshChain, endedBy: EndedBy): Promise<void> {
  const { sessions } = context.services;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = await sessions.refreshChains.get(chain);
    if (!now) return;
    await endSessions(context.services, chain.userId, { sessionId: now.sessionId }, endedBy);
  }
  context.services.logger.warn("a reused refresh chain kept moving on", { userId: chain.userId });
}
