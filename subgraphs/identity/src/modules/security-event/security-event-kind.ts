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
  description: "What happened to a user's online access.",
  valuesConfig: {
    ENROLLED: { description: "Online access was set up." },
    SIGNED_IN: { description: "A sign-in: from a registered device, or at a completed step-up." },
    SIGN_IN_FAILED: { description: "A wrong password, at login or as the current password of a change." },
    STEP_UP_FAILED: { description: "A wrong security code or answers, at step-up or recovery, or a support proof that was refused." },
    ACCOUNT_LOCKED: { description: "Online access was locked after too many failures." },
    ACCOUNT_UNLOCKED: { description: "Lifted by support or by a password reset." },
    DEVICE_REGISTERED: { description: "A device was registered at step-up." },
    DEVICE_REMOVED: { description: "A registered device was removed." },
    PASSWORD_CHANGED: { description: "The password was changed with changePassword." },
    PASSWORD_RESET: { description: "Set through account recovery." },
    USERNAME_RECOVERED: { description: "The username was given through account recovery." },
    SECURITY_ANSWERS_CHANGED: { description: "The security answers were replaced." },
    SIGNED_OUT: { description: "The person signed out with logout or logoutEverywhere." },
    SESSIONS_ENDED: { description: "Sessions ended by endSession, logoutEverywhere, removeDevice, a password change or reset, or support." },
  },
});
