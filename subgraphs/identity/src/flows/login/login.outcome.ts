import { say } from "../../modules/messages/messages";
import type { OpenedSession } from "../../modules/session/open-session";
import type { ChallengeView } from "../../modules/step-up/challenge-view";

/** A refused sign-in: the contract's LoginRejected. */
export interface LoginRefusal {
  kind: "rejected";
  code: "INVALID_CREDENTIALS" | "ACCOUNT_LOCKED" | "TOO_MANY_ATTEMPTS";
  message: string;
  retryAfterSeconds: number | null;
}

/** How a sign-in ends: each member is an answer of the contract's LoginResult (mapped in login.resolver.ts). */
export type LoginOutcome = { kind: "signedIn"; session: OpenedSession } | { kind: "stepUpRequired"; challenge: ChallengeView } | LoginRefusal;

export const loginRefusals = {
  /** A wrong password or an unknown username: the same answer, word for word. */
  invalidCredentials: (): LoginRefusal => ({ kind: "rejected", code: "INVALID_CREDENTIALS", message: say("login.invalidCredentials"), retryAfterSeconds: null }),
  /**
   * While the lock holds, whatever the password. The message is the same every time (the time
   * left is in retryAfterSeconds), so it never differs between a known and an unknown username.
   */
  accountLocked: (supportPhone: string, retryAfterSeconds: number): LoginRefusal => ({
    kind: "rejected",
    code: "ACCOUNT_LOCKED",
    message: say("login.accountLocked", { supportPhone }),
    retryAfterSeconds,
  }),
  /**
   * Too many tries at once for one username (every try left was being checked for longer than a
   * try waits its turn), or too many failed tries from this client address: refused for now,
   * without counting or checking anything.
   */
  tooManyAttempts: (retryAfterSeconds: number): LoginRefusal => ({
    kind: "rejected",
    code: "TOO_MANY_ATTEMPTS",
    message: say("login.tooManyAttempts"),
    retryAfterSeconds,
  }),
};
