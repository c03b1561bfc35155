import type { Settings } from "@oa/platform";
import { LoginRejected, LoginRejection } from "./login.result";

/** A wrong password or an unknown username: the same answer, word for word. */
export function invalidCredentials(): LoginRejected {
  return Object.assign(new LoginRejected(), {
    code: LoginRejection.INVALID_CREDENTIALS,
    message: "The username or password is not right. Please try again.",
    retryAfterSeconds: null,
  });
}

/**
 * While the lock holds, whatever the password. The message is the same every time (the time
 * left is in retryAfterSeconds), so it never differs between a known and an unknown username.
 */
export function accountLocked(settings: Settings, retryAfterSeconds: number): LoginRejected {
  return Object.assign(new LoginRejected(), {
    code: LoginRejection.ACCOUNT_LOCKED,
    message:
      "Online access is locked for your security after too many unsuccessful attempts. " +
      `Please try again later, or call us at ${settings.supportPhone}.`,
    retryAfterSeconds,
  });
}

/**
 * Too many tries at once for one username (every try left was being checked for longer than a
 * try waits its turn), or too many failed tries from this client address: refused for now,
 * without counting or checking anything.
 */
export function tooManyAttempts(retryAfterSeconds: number): LoginRejected {
  return Object.assign(new LoginRejected(), {
    code: LoginRejection.TOO_MANY_ATTEMPTS,
    message: "Too many sign-in attempts. Please wait a moment and try again.",
    retryAfterSeconds,
  });
}
