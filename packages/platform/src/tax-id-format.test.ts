import { normaliseTaxId } from "./tax-id-format";

describe("normaliseTaxId", () => {
  it.each([
    ["900-10-0001", "900100001"],
    ["900 10 0001", "900100001"],
    [" 90-0100-001 ", "900100001"],
    ["900100001", "900100001"],
  ])("reads %j as %s", (raw, digits) => {
    expect(normaliseTaxId(raw)).toBe(digits);
  });

  it.each(["", "   ", "90010000", "9001000011", "900-10-000A", "900.10.0001", "９００１０００01", "900-10-0001".padEnd(80, " ")])("refuses %j", (raw) => {
    expect(normaliseTaxId(raw)).toBeNull();
  });
});
