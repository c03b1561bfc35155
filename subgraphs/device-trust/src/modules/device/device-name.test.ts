import * as platform from "@oa/platform";
import { DEVICE_NAME_MAX_LENGTH, normaliseDeviceName } from "./device-name";

describe("normaliseDeviceName (device-trust: registerDevice)", () => {
  it("trims surrounding spaces and keeps the inside as typed", () => {
    expect(normaliseDeviceName("  Jo's  iPhone\t")).toBe("Jo's  iPhone");
  });

  it("refuses a name that is empty once trimmed", () => {
    expect(normaliseDeviceName("")).toBeNull();
    expect(normaliseDeviceName(" \n\t ")).toBeNull();
  });

  it("allows 1 to 64 characters, counted as characters rather than UTF-16 units", () => {
    expect(normaliseDeviceName("a")).toBe("a");
    expect(normaliseDeviceName("a".repeat(64))).toBe("a".repeat(64));
    expect(normaliseDeviceName("a".repeat(65))).toBeNull();
    expect(normaliseDeviceName("📱".repeat(64))).toBe("📱".repeat(64));
    expect(normaliseDeviceName("📱".repeat(65))).toBeNull();
  });

  it("refuses control and invisible format characters", () => {
    expect(normaliseDeviceName("Phone\u0000")).toBeNull();
    expect(normaliseDeviceName("Dana\u202Eenohp")).toBeNull();
    expect(normaliseDeviceName("Dana\u2066phone\u2069")).toBeNull();
    expect(normaliseDeviceName("Dana\uFEFFphone")).toBeNull();
  });

  // identity re-exports the same function for rememberDevice.name, so the two never disagree.
  it("is platform's rule, the one identity applies to rememberDevice.name", () => {
    expect(normaliseDeviceName).toBe(platform.normaliseDeviceName);
    expect(DEVICE_NAME_MAX_LENGTH).toBe(platform.DEVICE_NAME_MAX_LENGTH);
  });
});
