import { clientPlace, type ForwardedSession, reservePlaces } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { verifySecret } from "../../modules/credentials/secret-hashing";
import { sendLockNotice } from "../../modules/lockout/lock-notice";
import type { LockoutSubject } from "../../modules/lockout/login-lockout";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import { findLoginOwner, type LoginOwner } from "../../modules/user/login-owner";
import { MAX_PASSWORD_LENGTH } from "../login/login.flow";
import { type CredentialRejection, credentialRejected, credentialsLocked, credentialsPaused } from "./credential-change.outcomes";
import { CredentialChangeRejection } from "./credentials.results";

export type CurrentPasswordCheck = { right: true; login: LoginOwner } | { right: false; rejection: CredentialRejection };

/**
 * The signed-in person's current password, checked as a sign-in checks one (decision 0013):
 *   the client address past CLIENT_MAX_FAILURES, or every try left being checked → ACCOUNT_LOCKED, a pause
 *   the lock holds                → ACCOUNT_LOCKED with retryAfterSeconds (nothing checked)
 *   longer than any password      → WRONG_CURRENT_PASSWORD (nothing hashed, nothing counted)
 *   wrong                         → WRONG_CURRENT_PASSWORD, one failure on the client's and the
 *                                   person's budget (SIGN_IN_FAILED; the one that locks: ACCOUNT_LOCKED and its notice)
 *   right                         → the login; that budget's failures are forgotten, as at a sign-in
 * The budget is the one a sign-in from the session's device would use: the person's, or the
 * registered device's own when the session was opened on one. A place on it and on the client's
 * is reserved before the password is checked.
 */
export async function checkCurrentPassword(context: IdentityContext, session: ForwardedSession, currentPassword: string): Promise<CurrentPasswordCheck> {
  const { services } = context;
  const login = await findLoginOwner(services.dataSource, session.userId);
  if (!login || currentPassword.length > MAX_PASSWORD_LENGTH) return wrong();
  const person = services.lockout.subjectOf(login.username);
  const subject: LockoutSubject = session.deviceId ? services.lockout.deviceSubjectOf(person, session.deviceId) : person;

  const reservation = await reservePlaces([
    ...clientPlace(services.clientAttempts, context.credential.clientIp),
    { name: "person", guard: services.lockout, subject },
  ]);
  if ("refused" in reservation) {
    const { name, state } = reservation.refused;
    if (name === "person" && state.locked) return { right: false, rejection: credentialsLocked(services.settings, state.retryAfterSeconds) };
    return { right: false, rejection: credentialsPaused(state.locked ? state.retryAfterSeconds : 1) };
  }
  const { held } = reservation;
  try {
    services.onPasswordCheck();
    if (await verifySecret(login.passwordHash, currentPassword)) {
      await held.succeeded();
      return { right: true, login };
    }
    const lock = (await held.failed()).find((place) => place.name === "person")?.state;
    const justLocked = lock?.locked === true && lock.justLocked;
    const origin = { userId: login.userId, clientAddress: context.credential.clientIp, deviceId: session.deviceId };
    await services.securityEvents.record([
      { ...origin, kind: SecurityEventKind.SIGN_IN_FAILED },
      ...(justLocked ? [{ ...origin, kind: SecurityEventKind.ACCOUNT_LOCKED }] : []),
    ]);
    if (justLocked) sendLockNotice(context, login.customerId);
    services.logger.info("current password wrong", { userId: login.userId, locked: lock?.locked ?? false });
    return wrong();
  } finally {
    await held.released();
  }
}

function wrong(): CurrentPasswordCheck {
  return { right: false, rejection: credentialRejected(CredentialChangeRejection.WRONG_CURRENT_PASSWORD) };
}
