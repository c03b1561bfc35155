import { say } from "../../modules/messages/messages";
import type { OpenedSession } from "../../modules/session/open-session";

/** A refused refresh: the contract's RefreshRejected. */
export interface RefreshRefusal {
  kind: "rejected";
  code: "INVALID_REFRESH_TOKEN" | "ACCOUNT_LOCKED";
  message: string;
}

/** How a refresh ends: the contract's RefreshSessionResult (mapped in refresh-session.resolver.ts). */
export type RefreshOutcome = { kind: "refreshed"; session: OpenedSession } | RefreshRefusal;

export const refreshRefusals = {
  /** Unknown, expired, used or ended token, or not with its device's token: the same answer for all. */
  invalid: (): RefreshRefusal => ({ kind: "rejected", code: "INVALID_REFRESH_TOKEN", message: say("refresh.invalidToken") }),
  /** Too many failed tries from this client address: nothing was checked. */
  tooManyAttempts: (): RefreshRefusal => ({ kind: "rejected", code: "INVALID_REFRESH_TOKEN", message: say("refresh.tooManyAttempts") }),
  /** The device's own sign-ins are locked: in the words its login would meet. */
  accountLocked: (supportPhone: string): RefreshRefusal => ({ kind: "rejected", code: "ACCOUNT_LOCKED", message: say("login.accountLocked", { supportPhone }) }),
};
