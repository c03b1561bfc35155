import { DEVICE_NAME_MAX_LENGTH, normaliseDeviceName } from "./device-name";

describe("normaliseDeviceName", () => {
  it("trims surrounding spaces and keeps the inside as typed", () => {
    expect(normaliseDeviceName("  Jo's  iPhone\t")).toBe("Jo's  iPhone");
    expect(normaliseDeviceName("Siobhán’s Pixel 8 — work")).toBe("Siobhán’s Pixel 8 — work");
  });

  it("allows 1 to 64 characters, counted as characters rather than UTF-16 units", () => {
    expect(DEVICE_NAME_MAX_LENGTH).toBe(64);
    expect(normaliseDeviceName("a")).toBe("a");
    expect(normaliseDeviceName("a".repeat(64))).toBe("a".repeat(64));
    expect(normaliseDeviceName("a".repeat(65))).toBeNull();
    expect(normaliseDeviceName("📱".repeat(64))).toBe("📱".repeat(64));
    expect(normaliseDeviceName("📱".repeat(65))).toBeNull();
  });

  it("refuses a name that is empty once trimmed", () => {
    expect(normaliseDeviceName("")).toBeNull();
    expect(normaliseDeviceName(" \n\t ")).toBeNull();
  });

  it.each([
    ["a NUL", "Phone\u0000"],
    ["a line break", "Line\nbreak"],
    ["a tab inside", "Dana\tPhone"],
    ["DEL", "Phone\u007F"],
    ["a C1 control", "Phone\u0085x"],
    ["a right-to-left override", "Dana\u202Eenohp"],
    ["a left-to-right embedding", "Dana\u202Aphone"],
    ["a bidi isolate", "Dana\u2066phone\u2069"],
    ["a right-to-left mark", "Dana\u200Fphone"],
    ["a zero-width space", "Dana\u200Bphone"],
    ["a zero-width joiner between letters", "Dana\u200Dphone"],
    ["a byte order mark inside", "Dana\uFEFFphone"],
    ["a soft hyphen", "Da\u00ADna"],
    ["an invisible tag character", "Dana\u{E0041}"],
    ["a line separator", "Dana\u2028phone"],
    ["a lone surrogate", "Dana\uD800phone"],
  ])("refuses %s", (_what, name) => {
    expect(normaliseDeviceName(name)).toBeNull();
  });

  it("keeps emoji sequences joined with zero-width joiners", () => {
    for (const name of ["Dana's 👩‍💻 laptop", "👩🏽‍💻", "❤️‍🔥 phone", "👨‍👩‍👧"]) expect(normaliseDeviceName(name)).toBe(name);
    // A joiner that ends the name joins nothing.
    expect(normaliseDeviceName("👩\u200D")).toBeNull();
  });
});
