import { normaliseDeviceName } from "./device-name";

describe("normaliseDeviceName", () => {
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
});
