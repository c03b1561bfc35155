import { type AttemptGuard, clientPlace, type ForwardedSession, type Logger, reservePlaces } from "@oa/platform";
import type { DataSource } from "typeorm";
import type { PasswordCheck } from "../../modules/credentials/secret-hashing";
import type { LockoutSubject, LoginLockout } from "../../modules/lockout/login-lockout";
import type { PersonNotices } from "../../modules/notice/person-notices";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import type { SecurityEvents } from "../../modules/security-event/security-events";
import { findLoginOwner, type LoginOwner } from "../../modules/user/login-owner";
import { MAX_PASSWORD_LENGTH } from "../login/login.flow";
import { type CredentialRefusal, credentialRefusals } from "./credential-change.outcome";

/** What checking the current password uses: the budgets a sign-in uses, and what a failure records. */
export interface CurrentPasswordDeps {
  /** Reads the login with its hash and the person's details on file (findLoginOwner). */
  dataSource: DataSource;
  checkPassword: PasswordCheck;
  lockout: LoginLockout;
  clientAttempts: AttemptGuard;
  securityEvents: Pick<SecurityEvents, "record">;
  notices: Pick<PersonNotices, "accessLocked">;
  logger: Logger;
  supportPhone: string;
}

/** The request's facts a credential change needs: its session, and where it came from. */
export interface CredentialRequest {
  session: ForwardedSession;
  clientAddress: string | null;
}

export type CurrentPasswordCheck = { right: true; login: LoginOwner } | { right: false; refusal: CredentialRefusal };

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
export async function checkCurrentPassword(deps: CurrentPasswordDeps, request: CredentialRequest, currentPassword: string): Promise<CurrentPasswordCheck> {
  const { lockout } = deps;
  const { session } = request;
  const login = await findLoginOwner(deps.dataSource, session.userId);
  if (!login || currentPassword.length > MAX_PASSWORD_LENGTH) return wrong();
  const person = lockout.subjectOf(login.username);
  const subject: LockoutSubject = session.deviceId ? lockout.deviceSubjectOf(person, session.deviceId) : person;

  const reservation = await reservePlaces([...clientPlace(deps.clientAttempts, request.clientAddress), { name: "person", guard: lockout, subject }]);
  if ("refused" in reservation) {
    const { name, state } = reservation.refused;
    if (name === "person" && state.locked) return { right: false, refusal: credentialRefusals.locked(deps.supportPhone, state.retryAfterSeconds) };
    return { right: false, refusal: credentialRefusals.paused(state.locked ? state.retryAfterSeconds : 1) };
  }
  const { held } = reservation;
  try {
    if (await deps.checkPassword(login.passwordHash, currentPassword)) {
      await held.succeeded();
      return { right: true, login };
    }
    const lock = (await held.failed()).find((place) => place.name === "person")?.state;
    const justLocked = lock?.locked === true && lock.justLocked;
    const origin = { userId: login.userId, clientAddress: request.clientAddress, deviceId: session.deviceId };
    await deps.securityEvents.record([{ ...origin, kind: SecurityEventKind.SIGN_IN_FAILED }, ...(justLocked ? [{ ...origin, kind: SecurityEventKind.ACCOUNT_LOCKED }] : [])]);
    if (justLocked) deps.notices.accessLocked(login.customerId);
    deps.logger.info("current password wrong", { userId: login.userId, locked: lock?.locked ?? false });
    return wrong();
  } finally {
    await held.released();
  }
}

function wrong(): CurrentPasswordCheck {
  return { right: false, refusal: credentialRefusals.wrongCurrentPassword() };
}
