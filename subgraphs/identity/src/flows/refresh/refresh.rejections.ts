import type { Settings } from "@oa/platform";
import { RefreshRejected, RefreshRejection } from "./refresh-session.results";

function rejected(code: RefreshRejection, message: string): RefreshRejected {
  return Object.assign(new RefreshRejected(), { code, message });
}

/** The words a person reads when a refresh is refused, in one place. */
export const refreshRejections = {
  /** Unknown, expired, used or ended token, or not with its device's token: the same answer for all. */
  invalid: () => rejected(RefreshRejection.INVALID_REFRESH_TOKEN, "Your session has ended. Please sign in again."),
  /** Too many failed tries from this client address: nothing was checked. */
  tooManyAttempts: () => rejected(RefreshRejection.INVALID_REFRESH_TOKEN, "Too many attempts. Please sign in again in a little while."),
  /** The device's own sign-ins are locked (as its login would be). */
  accountLocked: (settings: Settings) =>
    rejected(
      RefreshRejection.ACCOUNT_LOCKED,
      "Online access is locked for your security after too many unsuccessful attempts. " + `Please try again later, or call us at ${settings.supportPhone}.`,
    ),
};
