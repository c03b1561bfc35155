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
 * Every try this username has left was already being checked, for longer than a try waits its
 * turn: a flood of parallel logins, refused for a moment without counting or checking anything.
 */
export function tooManyAttempts(): LoginRejected {
  return Object.assign(new LoginRejected(), {
    code: LoginRejection.TOO_MANY_ATTEMPTS,
    message: "Too many sign-in attempts at once. Please try again in a moment.",
    retryAfterSeconds: 1,
  });
}
