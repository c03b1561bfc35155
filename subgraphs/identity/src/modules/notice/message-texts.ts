import type { DevicePlatform } from "../device/device-platform";

// Every text a person receives. None carries a password, tax id, account number or username,
// and none asks for one.

/** "10 minutes", "1 minute", "45 seconds". */
export function describeDuration(seconds: number): string {
  if (seconds >= 60 && seconds % 60 === 0) {
    const minutes = seconds / 60;
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

export function securityCodeText(code: string, ttlSeconds: number): string {
  return `Your Online Access security code is ${code}. It expires in ${describeDuration(ttlSeconds)}. We will never call you to ask for it.`;
}

export function accessLockedText(supportPhone: string): string {
  return (
    "Online Access to your accounts is temporarily locked after too many unsuccessful sign-in attempts. " +
    `If this was not you, or to restore access now, call us at ${supportPhone}.`
  );
}

const PLATFORM_NAMES: Record<DevicePlatform, string> = { WEB: "web browser", IOS: "iOS device", ANDROID: "Android device" };

// The device's name is the client's text, so it is left out: a message carries only our words.
export function newDeviceText(platform: DevicePlatform, supportPhone: string): string {
  return (
    `A new ${PLATFORM_NAMES[platform]} was registered for Online Access to your accounts and will skip the extra verification at sign-in. ` +
    `If this was not you, call us at ${supportPhone}.`
  );
}

// The notices of changes to a person's credentials. Each names what happened and whom to call,
// never the new value, the username or anything the person typed.

export function passwordChangedText(supportPhone: string): string {
  return `The password for Online Access to your accounts was just changed, and your other signed-in devices were signed out. If this was not you, call us at ${supportPhone}.`;
}

export function passwordResetText(supportPhone: string): string {
  return (
    "The password for Online Access to your accounts was just reset through account recovery, and every signed-in device was signed out. " +
    `If this was not you, call us at ${supportPhone}.`
  );
}

export function usernameRecoveredText(supportPhone: string): string {
  return `Your Online Access username was just recovered through account recovery. If this was not you, call us at ${supportPhone}.`;
}

export function securityAnswersChangedText(supportPhone: string): string {
  return `The answers to your Online Access security questions were just changed. If this was not you, call us at ${supportPhone}.`;
}
