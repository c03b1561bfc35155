import * as platform from "@oa/platform";
import { DEVICE_NAME_MAX_LENGTH, normaliseDeviceName } from "./device-name";

describe("normaliseDeviceName (identity: rememberDevice.name)", () => {
  it("trims and accepts 1 to 64 characters", () => {
    expect(normaliseDeviceName("  Dana's iPhone ")).toBe("Dana's iPhone");
    expect(normaliseDeviceName("x")).toBe("x");
    expect(normaliseDeviceName("x".repeat(64))).toBe("x".repeat(64));
  });

  it("counts characters, not UTF-16 units", () => {
    expect(normaliseDeviceName("📱".repeat(64))).toBe("📱".repeat(64));
    expect(normaliseDeviceName("📱".repeat(65))).toBeNull();
  });

  it("refuses empty, over-long, control-character and invisible-format-character names", () => {
    expect(normaliseDeviceName("")).toBeNull();
    expect(normaliseDeviceName("    ")).toBeNull();
    expect(normaliseDeviceName("x".repeat(65))).toBeNull();
    expect(normaliseDeviceName("Phone\u0000")).toBeNull();
    expect(normaliseDeviceName("Line\nbreak")).toBeNull();
    expect(normaliseDeviceName("Dana\u202Eenohp")).toBeNull();
    expect(normaliseDeviceName("Dana\u200Bphone")).toBeNull();
  });

  // device-trust re-exports the same function, so the two never disagree.
  it("is platform's rule, the one device-trust applies when it registers the device", () => {
    expect(normaliseDeviceName).toBe(platform.normaliseDeviceName);
    expect(DEVICE_NAME_MAX_LENGTH).toBe(platform.DEVICE_NAME_MAX_LENGTH);
  });
});
