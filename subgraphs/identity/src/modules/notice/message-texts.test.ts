import { DevicePlatform } from "../device/device-platform";
import {
  accessLockedText,
  describeDuration,
  newDeviceText,
  passwordChangedText,
  passwordResetText,
  securityAnswersChangedText,
  securityCodeText,
  usernameRecoveredText,
} from "./message-texts";

describe("message texts", () => {
  it("gives the code and how long it lives, and warns never to share it", () => {
    expect(securityCodeText("012345", 600)).toBe("Your Online Access security code is 012345. It expires in 10 minutes. We will never call you to ask for it.");
  });

  it("describes durations in plain words", () => {
    expect(describeDuration(60)).toBe("1 minute");
    expect(describeDuration(1800)).toBe("30 minutes");
    expect(describeDuration(1)).toBe("1 second");
    expect(describeDuration(90)).toBe("90 seconds");
  });

  it("gives the support number in the lock and new-device notices", () => {
    expect(accessLockedText("1-833-226-1520")).toContain("1-833-226-1520");
    expect(newDeviceText(DevicePlatform.IOS, "1-833-226-1520")).toContain("iOS device");
    expect(newDeviceText(DevicePlatform.WEB, "1-833-226-1520")).toContain("1-833-226-1520");
  });

  it("never asks for a password, code, tax id, account number or username", () => {
    const texts = [securityCodeText("123456", 600), accessLockedText("1-833-226-1520"), newDeviceText(DevicePlatform.ANDROID, "1-833-226-1520")];
    for (const text of texts) expect(text).not.toMatch(/password|username|ssn|tax id|account number|reply with/i);
  });

  it("tells of each credential change, with the support number, and asks for nothing", () => {
    const notices = [passwordChangedText, passwordResetText, usernameRecoveredText, securityAnswersChangedText].map((text) => text("1-833-226-1520"));
    expect(notices[0]).toMatch(/password .* changed/);
    expect(notices[1]).toMatch(/password .* reset/);
    expect(notices[2]).toMatch(/username was just recovered/);
    expect(notices[3]).toMatch(/security questions were just changed/);
    for (const text of notices) {
      expect(text).toContain("call us at 1-833-226-1520");
      // No value of any kind: the only digits are the support number's.
      expect(text.replace("1-833-226-1520", "")).not.toMatch(/\d/);
      expect(text).not.toMatch(/reply|send us|tell us|enter your|click|https?:/i);
    }
  });
});
