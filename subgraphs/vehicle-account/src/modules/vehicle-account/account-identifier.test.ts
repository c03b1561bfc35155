import { ACCOUNT_NUMBER_MAX_LENGTH as MAX_ACCOUNT_NUMBER_LENGTH } from "@oa/platform";
import { parseAccountIdentifier } from "./account-identifier";

describe("parseAccountIdentifier", () => {
  it("takes an account number, trimmed", () => {
    expect(parseAccountIdentifier({ accountNumber: "  AV-0000000101 " })).toEqual({
      ok: true,
      identifier: { kind: "accountNumber", value: "AV-0000000101" },
    });
  });

  it("takes a VIN, trimmed and upper-cased", () => {
    expect(parseAccountIdentifier({ vin: " 1hgcv1f34ma000101 ", accountNumber: null })).toEqual({
      ok: true,
      identifier: { kind: "vin", value: "1HGCV1F34MA000101" },
    });
  });

  it.each([
    [{}, "Enter the account number or the VIN."],
    [{ accountNumber: "   ", vin: "" }, "Enter the account number or the VIN."],
    [{ accountNumber: null, vin: null }, "Enter the account number or the VIN."],
    [{ accountNumber: "AV-0000000101", vin: "1HGCV1F34MA000101" }, "Enter the account number or the VIN, not both."],
  ])("wants exactly one of the two: %j", (input, message) => {
    expect(parseAccountIdentifier(input)).toEqual({ ok: false, problem: "notExactlyOne", message });
  });

  it.each(["1HGCV1F34MA00010", "1HGCV1F34MA0001011", "1HGCV1F34MA00010I", "1HGCV1F34MA00010O", "1HGCV1F34MA00010Q", "1hgcv1f34ma00010q", "1HGCV1F34MA-00101"])(
    "refuses the VIN %j",
    (vin) => {
      expect(parseAccountIdentifier({ vin })).toEqual({ ok: false, problem: "malformed", message: "A VIN is 17 letters and digits, without I, O or Q." });
    },
  );

  it("bounds the account number's length and characters", () => {
    expect(parseAccountIdentifier({ accountNumber: "9".repeat(MAX_ACCOUNT_NUMBER_LENGTH) }).ok).toBe(true);
    expect(parseAccountIdentifier({ accountNumber: "9".repeat(MAX_ACCOUNT_NUMBER_LENGTH + 1) }).ok).toBe(false);
    expect(parseAccountIdentifier({ accountNumber: "AV-1'; DROP TABLE x" }).ok).toBe(false);
    expect(parseAccountIdentifier({ accountNumber: "-123" }).ok).toBe(false);
    expect(parseAccountIdentifier({ accountNumber: "a".repeat(100_000) }).ok).toBe(false);
  });

  it.each(["BK 0030/01", "AV.0030.2", "av-0000000101"])("takes any number the records import takes, exactly as given: %j", (accountNumber) => {
    expect(parseAccountIdentifier({ accountNumber: ` ${accountNumber} ` })).toEqual({ ok: true, identifier: { kind: "accountNumber", value: accountNumber } });
  });

  it.each(["AV.0030#2", "9".repeat(40), "AV\u202E0030", "AV_0030"])("refuses %j with the rule in words", (accountNumber) => {
    expect(parseAccountIdentifier({ accountNumber })).toEqual({
      ok: false,
      problem: "malformed",
      message: "An account number is 1 to 34 letters, digits, spaces, dashes, dots and slashes, beginning with a letter or digit.",
    });
  });
});
