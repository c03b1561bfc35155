import { type AttemptGuard, type AttemptPlace, clientPlace, type Logger, reservePlacesInTurn, type SessionHandover, type SessionStore } from "@oa/platform";
import type DataLoader from "dataloader";
import type { PasswordCheck } from "../../modules/credentials/secret-hashing";
import { usernameKey } from "../../modules/credentials/username-policy";
import type { DeviceTrustCalls, TrustedDevice } from "../../modules/device/device-trust.calls";
import type { LoginLockout } from "../../modules/lockout/login-lockout";
import type { PersonNotices } from "../../modules/notice/person-notices";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import type { SecurityEvents } from "../../modules/security-event/security-events";
import { openSession } from "../../modules/session/open-session";
import { SessionDelivery } from "../../modules/session/session-delivery";
import { type ChallengeOpeningDeps, openStepUpChallenge } from "../../modules/step-up/challenge-opening";
import type { LoginCredential } from "../../modules/user/login-credential.loader";
import { type LoginOutcome, loginRefusals } from "./login.outcome";

/** Longer input is refused before any hashing: no login has such a username or password. */
export const MAX_USERNAME_LENGTH = 256;
export const MAX_PASSWORD_LENGTH = 1024;

// Asked about for an unknown username that came with a deviceToken, so that both cost the same call.
const NOBODY = "00000000-0000-4000-8000-000000000000";

/** What a sign-in uses, and nothing else (the step-up challenge it may open: ChallengeOpeningDeps). */
export interface LoginDeps extends ChallengeOpeningDeps {
  /** The request's loader of logins by username key, with their password hash. */
  logins: Pick<DataLoader<string, LoginCredential | null>, "load">;
  checkPassword: PasswordCheck;
  /** The person's budget, and each registered device's. */
  lockout: LoginLockout;
  /** Failed tries per client address. */
  clientAttempts: AttemptGuard;
  deviceTrust: Pick<DeviceTrustCalls, "trustedDevice" | "useTrustedDevice">;
  securityEvents: Pick<SecurityEvents, "record" | "recordInBackground">;
  notices: Pick<PersonNotices, "accessLocked">;
  sessions: SessionStore;
  logger: Logger;
  supportPhone: string;
}

/** The request's facts a sign-in needs. */
export interface LoginRequest {
  clientAddress: string | null;
  /** A web page's device token: its browser keeps it in an HttpOnly cookie, which the gateway passes on. */
  deviceCookie: string | null;
  /** Where a COOKIE session's token goes to the gateway. */
  handover: SessionHandover;
}

/** What a sign-in is asked (LoginInput). */
export interface LoginAttempt {
  username: string;
  password: string;
  deviceToken?: string | null;
  sessionDelivery?: SessionDelivery | null;
}

/**
 * Username and password sign-in:
 *   too long                 → INVALID_CREDENTIALS (nothing counted, nothing hashed)
 *   client address past CLIENT_MAX_FAILURES → TOO_MANY_ATTEMPTS (nothing checked)
 *   locked                   → ACCOUNT_LOCKED (no password check)
 *   unknown / wrong password → INVALID_CREDENTIALS, one failure counted for the person and the
 *                              client (the one that sets the lock too: it was checked and wrong;
 *                              the lock applies from the next try)
 *   right, registered device → signedIn, the person's (or device's) failures reset; the
 *                              session as sessionDelivery asks (BEARER: the token in the answer,
 *                              with a refresh token if asked for; COOKIE: the gateway sets the cookie)
 *   right, any other device  → stepUpRequired, the try given back
 *   still waiting its turn   → TOO_MANY_ATTEMPTS (a flood of parallel tries for one username)
 * The device is the one whose deviceToken comes with the login or, for a web page, in the device
 * cookie the gateway passes on.
 * Whose budget a try counts against: the person's, or, when it comes with the deviceToken of one
 * of their registered devices, that device's own. So failures from anywhere else never lock a
 * person out of their registered device, and that device's failures lock only it.
 * The check is reserved before the password is checked: failures counted plus checks under way
 * never pass the maximum, so parallel wrong tries get no more checks than the lock allows, and
 * parallel right ones wait their turn.
 */
export async function signIn(deps: LoginDeps, request: LoginRequest, input: LoginAttempt): Promise<LoginOutcome> {
  const { lockout } = deps;
  if (input.username.length > MAX_USERNAME_LENGTH || input.password.length > MAX_PASSWORD_LENGTH) return loginRefusals.invalidCredentials();
  const deviceToken = input.deviceToken ?? request.deviceCookie ?? null;
  const delivery = input.sessionDelivery ?? SessionDelivery.BEARER;
  const person = lockout.subjectOf(input.username);
  // Who signs in (the login, then its device) is looked up while the client's place is taken: that
  // place does not depend on it. The person's (or device's) place follows, still before the check.
  const lookup = (async () => {
    const login = await deps.logins.load(usernameKey(input.username));
    const device = deviceToken ? await registeredDeviceOf(deps, login, deviceToken) : null;
    return { login, device };
  })();
  const reservation = await reservePlacesInTurn(
    clientPlace(deps.clientAttempts, request.clientAddress),
    lookup.then(({ device }): AttemptPlace[] => [{ name: "person", guard: lockout, subject: device ? lockout.deviceSubjectOf(person, device.id) : person }]),
  );
  const { login, device } = await lookup;
  const origin = { clientAddress: request.clientAddress, deviceId: device?.id ?? null, deviceName: device?.name ?? null };
  if ("refused" in reservation) {
    const { name, state } = reservation.refused;
    if (name === "person" && state.locked) return loginRefusals.accountLocked(deps.supportPhone, state.retryAfterSeconds);
    return loginRefusals.tooManyAttempts(state.locked ? state.retryAfterSeconds : 1);
  }
  const { held } = reservation;
  try {
    // An unknown username costs one verification too, so it answers in the same time.
    const passwordRight = await deps.checkPassword(login?.passwordHash ?? null, input.password);
    if (!login || !passwordRight) {
      const states = await held.failed();
      const lock = states.find((place) => place.name === "person")?.state;
      const justLocked = lock?.locked === true && lock.justLocked;
      // In the background: a known username must answer in the same time as an unknown one.
      if (login) {
        deps.securityEvents.recordInBackground([
          { userId: login.userId, kind: SecurityEventKind.SIGN_IN_FAILED, ...origin },
          ...(justLocked ? [{ userId: login.userId, kind: SecurityEventKind.ACCOUNT_LOCKED, ...origin }] : []),
        ]);
      }
      if (justLocked) deps.notices.accessLocked(login?.customerId ?? null);
      return loginRefusals.invalidCredentials();
    }
    if (device && (await stampDevice(deps, login, deviceToken!))) {
      // Recorded before the session exists: no sign-in goes unrecorded.
      await deps.securityEvents.record({ userId: login.userId, kind: SecurityEventKind.SIGNED_IN, ...origin });
      const [session] = await Promise.all([
        openSession(deps.sessions, request.handover, { userId: login.userId, customerId: login.customerId, deviceId: device.id, delivery }),
        held.succeeded(),
        // A success is the person's too: their count from elsewhere starts again (a lock stays as it is).
        lockout.reset(person),
      ]);
      // Null only when the device was removed in between: then it is no registered device.
      if (session) {
        deps.logger.info("signed in", { userId: login.userId, deviceId: device.id });
        return { kind: "signedIn", session };
      }
    }
    // The password was right: not a failure, but not a success either until step-up.
    const [, challenge] = await Promise.all([held.released(), openStepUpChallenge(deps, login, person)]);
    return { kind: "stepUpRequired", challenge };
  } finally {
    await held.released();
  }
}

/**
 * The registered device the token stands for, asked before the password is checked (it decides
 * whose budget the try counts against), or null. When device-trust cannot answer, the device is
 * treated as unregistered: the person is asked to step up rather than turned away.
 */
async function registeredDeviceOf(deps: LoginDeps, login: LoginCredential | null, deviceToken: string): Promise<TrustedDevice | null> {
  try {
    const device = await deps.deviceTrust.trustedDevice(login?.userId ?? NOBODY, deviceToken);
    return login ? device : null;
  } catch {
    deps.logger.warn("device trust unavailable at sign-in; asking for step-up", { userId: login?.userId });
    return null;
  }
}

/** Stamps the device's last use once the password was right; false when it is no longer registered (or device-trust is down). */
async function stampDevice(deps: LoginDeps, login: LoginCredential, deviceToken: string): Promise<boolean> {
  try {
    return (await deps.deviceTrust.useTrustedDevice(login.userId, deviceToken)) !== null;
  } catch {
    deps.logger.warn("device trust unavailable at sign-in; asking for step-up", { userId: login.userId });
    return false;
  }
}
