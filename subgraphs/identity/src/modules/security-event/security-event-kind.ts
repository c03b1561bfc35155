import { registerEnumType } from "type-graphql";

/** What happened to a user's online access. Stable: clients and support tools switch on these. */
export enum SecurityEventKind {
  ENROLLED = "ENROLLED",
  SIGNED_IN = "SIGNED_IN",
  SIGN_IN_FAILED = "SIGN_IN_FAILED",
  STEP_UP_FAILED = "STEP_UP_FAILED",
  ACCOUNT_LOCKED = "ACCOUNT_LOCKED",
  ACCOUNT_UNLOCKED = "ACCOUNT_UNLOCKED",
  DEVICE_REGISTERED = "DEVICE_REGISTERED",
  DEVICE_REMOVED = "DEVICE_REMOVED",
  PASSWORD_CHANGED = "PASSWORD_CHANGED",
  PASSWORD_RESET = "PASSWORD_RESET",
  USERNAME_RECOVERED = "USERNAME_RECOVERED",
  SECURITY_ANSWERS_CHANGED = "SECURITY_ANSWERS_CHANGED",
  SIGNED_OUT = "SIGNED_OUT",
  SESSIONS_ENDED = "SESSIONS_ENDED",
}

export const SECURITY_EVENT_KINDS = Object.values(SecurityEventKind);

registerEnumType(SecurityEventKind, {
  name: "SecurityEventKind",
  valuesConfig: {
    ACCOUNT_UNLOCKED: { description: "Lifted by support or by a password reset." },
    PASSWORD_RESET: { description: "Set through account recovery." },
    SESSIONS_ENDED: { description: "Sessions ended by endSession, logoutEverywhere, removeDevice, a password change or reset, or support." },
  },
});
