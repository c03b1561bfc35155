import type { IdentityContext } from "../../context";
import { usernameKey } from "../../modules/credentials/username-policy";
import { verifyAgainstDummy, verifySecret } from "../../modules/credentials/secret-hashing";
import { useTrustedDevice } from "../../modules/device/device-trust.calls";
import { sendLockNotice } from "../../modules/lockout/lock-notice";
import { openSession } from "../../modules/session/open-session";
import { openStepUpChallenge } from "../../modules/step-up/challenge-opening";
import type { LoginCredential } from "../../modules/user/login-credential.loader";
import type { LoginInput } from "./login.input";
import { accountLocked, invalidCredentials, tooManyAttempts } from "./login.outcomes";
import { LoginResult, LoginSucceeded, StepUpRequired } from "./login.result";

/** Longer input is refused before any hashing: no login has such a username or password. */
export const MAX_USERNAME_LENGTH = 256;
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * Username and password sign-in:
 *   too long                 → INVALID_CREDENTIALS (nothing counted, nothing hashed)
 *   locked                   → ACCOUNT_LOCKED (no password check)
 *   unknown / wrong password → INVALID_CREDENTIALS, one failure counted (the one that sets the lock
 *                              too: it was checked and wrong; the lock applies from the next try)
 *   right, trusted device    → LoginSucceeded, failures reset
 *   right, any other device  → StepUpRequired, the try given back
 *   still waiting its turn   → TOO_MANY_ATTEMPTS (a flood of parallel tries for one username)
 * The check is reserved before the password is checked: failures counted plus checks under way
 * never pass the maximum, so parallel wrong tries get no more checks than the lock allows, and
 * parallel right ones wait their turn.
 */
export async function signIn(context: IdentityContext, input: LoginInput): Promise<typeof LoginResult> {
  const { services, loaders } = context;
  const { lockout, settings } = services;
  if (input.username.length > MAX_USERNAME_LENGTH || input.password.length > MAX_PASSWORD_LENGTH) return invalidCredentials();

  const key = usernameKey(input.username);
  const subject = lockout.subjectOf(input.username);
  const reserved = await lockout.reserve(subject);
  if (reserved.locked) return accountLocked(settings, reserved.retryAfterSeconds);
  if (reserved.busy) return tooManyAttempts();

  let settled = false;
  try {
    const login = await loaders.loginCredential.load(key);
    services.onPasswordCheck();
    // An unknown username costs one verification too, so it answers in the same time.
    const passwordRight = login ? await verifySecret(login.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    if (!login || !passwordRight) {
      settled = true;
      const state = await lockout.failed(subject);
      if (state.locked && state.justLocked) sendLockNotice(context, login?.customerId ?? null);
      return invalidCredentials();
    }

    const deviceId = input.deviceToken ? await trustedDeviceOf(context, login, input.deviceToken) : null;
    settled = true;
    if (deviceId) {
      await lockout.succeeded(subject);
      services.logger.info("signed in", { userId: login.userId, deviceId });
      const session = await openSession(services.sessions, { userId: login.userId, customerId: login.customerId, deviceId });
      return Object.assign(new LoginSucceeded(), { session });
    }
    // The password was right: not a failure, but not a success either until step-up.
    await lockout.release(subject);
    return Object.assign(new StepUpRequired(), { challenge: await openStepUpChallenge(context, login, subject) });
  } finally {
    if (!settled) await lockout.release(subject).catch(() => undefined);
  }
}

/**
 * The registered device the token stands for, or null. When device-trust cannot answer, the
 * device is treated as unregistered: the person is asked to step up rather than turned away.
 */
async function trustedDeviceOf(context: IdentityContext, login: LoginCredential, deviceToken: string): Promise<string | null> {
  try {
    return await useTrustedDevice(context.services.deviceTrust, login.userId, deviceToken);
  } catch {
    context.services.logger.warn("device trust unavailable at sign-in; asking for step-up", { userId: login.userId });
    return null;
  }
}
