import { normaliseVin, VIN_RULE } from "./vin";

describe("normaliseVin", () => {
  it("trims and upper-cases", () => {
    expect(normaliseVin(" 1hgcv1f34ma000101 ")).toBe("1HGCV1F34MA000101");
    expect(normaliseVin("1HGCV1F34MA000101")).toBe("1HGCV1F34MA000101");
  });

  it.each([
    "",
    "   ",
    "1HGCV1F34MA00010",
    "1HGCV1F34MA0001011",
    "1HGCV1F34MA00010I",
    "1HGCV1F34MA00O101",
    "QHGCV1F34MA000101",
    "1hgcv1f34ma00010q",
    "1HGCV1F34MA-00101",
    "1HGCV1F34MA 00101",
    "1HGCV1F34MA00010\u200B",
    "１HGCV1F34MA000101",
  ])("refuses %j", (vin) => {
    expect(normaliseVin(vin)).toBeNull();
  });

  it("states the rule", () => {
    expect(VIN_RULE).toBe("17 letters and digits, without I, O or Q");
  });
});
