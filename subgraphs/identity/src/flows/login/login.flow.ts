import { type AttemptPlace, clientPlace, reservePlaces } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { usernameKey } from "../../modules/credentials/username-policy";
import { verifyAgainstDummy, verifySecret } from "../../modules/credentials/secret-hashing";
import { findTrustedDevice, type TrustedDevice, useTrustedDevice } from "../../modules/device/device-trust.calls";
import { sendLockNotice } from "../../modules/lockout/lock-notice";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import { openSession } from "../../modules/session/open-session";
import { SessionDelivery } from "../../modules/session/session-delivery";
import { openStepUpChallenge } from "../../modules/step-up/challenge-opening";
import type { LoginCredential } from "../../modules/user/login-credential.loader";
import type { LoginInput } from "./login.input";
import { accountLocked, invalidCredentials, tooManyAttempts } from "./login.outcomes";
import { LoginResult, LoginSucceeded, StepUpRequired } from "./login.result";

/** Longer input is refused before any hashing: no login has such a username or password. */
export const MAX_USERNAME_LENGTH = 256;
export const MAX_PASSWORD_LENGTH = 1024;

// Asked about for an unknown username that came with a deviceToken, so that both cost the same call.
const NOBODY = "00000000-0000-4000-8000-000000000000";

/**
 * Username and password sign-in:
 *   too long                 → INVALID_CREDENTIALS (nothing counted, nothing hashed)
 *   client address past CLIENT_MAX_FAILURES → TOO_MANY_ATTEMPTS (nothing checked)
 *   locked                   → ACCOUNT_LOCKED (no password check)
 *   unknown / wrong password → INVALID_CREDENTIALS, one failure counted for the person and the
 *                              client (the one that sets the lock too: it was checked and wrong;
 *                              the lock applies from the next try)
 *   right, registered device → LoginSucceeded, the person's (or device's) failures reset; the
 *                              session as sessionDelivery asks (BEARER: the token in the answer,
 *                              with a refresh token if asked for; COOKIE: the gateway sets the cookie)
 *   right, any other device  → StepUpRequired, the try given back
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
export async function signIn(context: IdentityContext, input: LoginInput): Promise<typeof LoginResult> {
  const { services, loaders } = context;
  const { lockout, settings } = services;
  if (input.username.length > MAX_USERNAME_LENGTH || input.password.length > MAX_PASSWORD_LENGTH) return invalidCredentials();
  const login = await loaders.loginCredential.load(usernameKey(input.username));
  // A web page's browser keeps its device's token in an HttpOnly cookie, which the gateway passes on.
  const deviceToken = input.deviceToken ?? context.credential.deviceCookie ?? null;
  const delivery = input.sessionDelivery ?? SessionDelivery.BEARER;
  const device = deviceToken ? await registeredDeviceOf(context, login, deviceToken) : null;
  const person = lockout.subjectOf(input.username);
  const subject = device ? lockout.deviceSubjectOf(person, device.id) : person;
  const origin = { clientAddress: context.credential.clientIp, deviceId: device?.id ?? null, deviceName: device?.name ?? null };

  const places: AttemptPlace[] = [...clientPlace(services.clientAttempts, context.credential.clientIp), { name: "person", guard: lockout, subject }];
  const reservation = await reservePlaces(places);
  if ("refused" in reservation) {
    const { name, state } = reservation.refused;
    if (name === "person" && state.locked) return accountLocked(settings, state.retryAfterSeconds);
    return tooManyAttempts(state.locked ? state.retryAfterSeconds : 1);
  }
  const { held } = reservation;
  try {
    services.onPasswordCheck();
    // An unknown username costs one verification too, so it answers in the same time.
    const passwordRight = login ? await verifySecret(login.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    if (!login || !passwordRight) {
      const states = await held.failed();
      const lock = states.find((place) => place.name === "person")?.state;
      const justLocked = lock?.locked === true && lock.justLocked;
      // In the background: a known username must answer in the same time as an unknown one.
      if (login) {
        services.securityEvents.recordInBackground([
          { userId: login.userId, kind: SecurityEventKind.SIGN_IN_FAILED, ...origin },
          ...(justLocked ? [{ userId: login.userId, kind: SecurityEventKind.ACCOUNT_LOCKED, ...origin }] : []),
        ]);
      }
      if (justLocked) sendLockNotice(context, login?.customerId ?? null);
      return invalidCredentials();
    }
    if (device && (await stampDevice(context, login, deviceToken!))) {
      // Recorded before the session exists: no sign-in goes unrecorded.
      await services.securityEvents.record({ userId: login.userId, kind: SecurityEventKind.SIGNED_IN, ...origin });
      const [session] = await Promise.all([
        openSession(services.sessions, context.handover, { userId: login.userId, customerId: login.customerId, deviceId: device.id, delivery }),
        held.succeeded(),
        // A success is the person's too: their count from elsewhere starts again (a lock stays as it is).
        lockout.reset(person),
      ]);
      // Null only when the device was removed in between: then it is no registered device.
      if (session) {
        services.logger.info("signed in", { userId: login.userId, deviceId: device.id });
        return Object.assign(new LoginSucceeded(), { session });
      }
    }
    // The password was right: not a failure, but not a success either until step-up.
    await held.released();
    return Object.assign(new StepUpRequired(), { challenge: await openStepUpChallenge(context, login, person) });
  } finally {
    await held.released();
  }
}

/**
 * The registered device the token stands for, asked before the password is checked (it decides
 * whose budget the try counts against), or null. When device-trust cannot answer, the device is
 * treated as unregistered: the person is asked to step up rather than turned away.
 */
async function registeredDeviceOf(context: IdentityContext, login: LoginCredential | null, deviceToken: string): Promise<TrustedDevice | null> {
  try {
    const device = await findTrustedDevice(context.services.deviceTrust, login?.userId ?? NOBODY, deviceToken);
    return login ? device : null;
  } catch {
    context.services.logger.warn("device trust unavailable at sign-in; asking for step-up", { userId: login?.userId });
    return null;
  }
}

/** Stamps the device's last use once the password was right; false when it is no longer registered (or device-trust is down). */
async function stampDevice(context: IdentityContext, login: LoginCredential, deviceToken: string): Promise<boolean> {
  try {
    return (await useTrustedDevice(context.services.deviceTrust, login.userId, deviceToken)) !== null;
  } catch {
    context.services.logger.warn("device trust unavailable at sign-in; asking for step-up", { userId: login.userId });
    return false;
  }
}
