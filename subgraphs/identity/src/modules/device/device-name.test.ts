import { normaliseDeviceName } from "./device-name";

describe("normaliseDeviceName", () => {
  it("trims and accepts 1 to 64 characters", () => {
    expect(normaliseDeviceName("  Dana's iPhone ")).toBe("Dana's iPhone");
    expect(normaliseDeviceName("x")).toBe("x");
    expect(normaliseDeviceName("x".repeat(64))).toBe("x".repeat(64));
  });

  it("counts characters, not UTF-16 units", () => {
    expect(normaliseDeviceName("📱".repeat(64))).toBe("📱".repeat(64));
    expect(normaliseDeviceName("📱".repeat(65))).toBeNull();
  });

  it("refuses empty, over-long and control-character names", () => {
    expect(normaliseDeviceName("")).toBeNull();
    expect(normaliseDeviceName("    ")).toBeNull();
    expect(normaliseDeviceName("x".repeat(65))).toBeNull();
    expect(normaliseDeviceName("Phone\u0000")).toBeNull();
    expect(normaliseDeviceName("Line\nbreak")).toBeNull();
  });
});
