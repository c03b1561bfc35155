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
