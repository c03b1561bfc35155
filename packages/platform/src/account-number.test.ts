import { ACCOUNT_NUMBER_MAX_LENGTH, ACCOUNT_NUMBER_RULE, normaliseAccountNumber } from "./account-number";

describe("normaliseAccountNumber", () => {
  it("trims and otherwise keeps the number exactly as given", () => {
    expect(normaliseAccountNumber("  AV-0000000101 ")).toBe("AV-0000000101");
    expect(normaliseAccountNumber("av-0000000101")).toBe("av-0000000101");
    expect(normaliseAccountNumber("BK  0030/01")).toBe("BK  0030/01");
  });

  it.each(["2100000001", "AV-0000000101", "BK 0030/01", "AV.0030.2", "7", "a".repeat(ACCOUNT_NUMBER_MAX_LENGTH)])("accepts %j", (number) => {
    expect(normaliseAccountNumber(number)).toBe(number);
  });

  it.each([
    "",
    "   ",
    "AV.0030#2",
    "a".repeat(ACCOUNT_NUMBER_MAX_LENGTH + 1),
    "9".repeat(40),
    "-123",
    "/0030",
    "AV-1'; DROP TABLE x",
    "AV_0030",
    "AV\t0030",
    "AV\u202E0030",
    "AV\u200B0030",
    "AV\u00000030",
    "ÄV-0030",
    "ＡＶ-0030",
  ])("refuses %j", (number) => {
    expect(normaliseAccountNumber(number)).toBeNull();
  });

  it("counts the length after trimming", () => {
    expect(normaliseAccountNumber(`  ${"9".repeat(ACCOUNT_NUMBER_MAX_LENGTH)}  `)).toBe("9".repeat(ACCOUNT_NUMBER_MAX_LENGTH));
  });

  it("states the rule with its limit", () => {
    expect(ACCOUNT_NUMBER_RULE).toContain(`1 to ${ACCOUNT_NUMBER_MAX_LENGTH}`);
  });
});
