import { randomBytes } from "node:crypto";
import { decryptTaxId, encryptTaxId, taxIdLookup } from "./tax-id";

const key = randomBytes(32);

describe("taxIdLookup", () => {
  it("is a stable keyed HMAC that never contains the digits", () => {
    const lookup = taxIdLookup(key, "900100001");
    expect(lookup).toMatch(/^[0-9a-f]{64}$/);
    expect(taxIdLookup(key, "900100001")).toBe(lookup);
    expect(taxIdLookup(key, "900100002")).not.toBe(lookup);
    expect(taxIdLookup(randomBytes(32), "900100001")).not.toBe(lookup);
  });
});

describe("encryptTaxId / decryptTaxId", () => {
  it("round-trips, with a fresh iv each time", () => {
    const first = encryptTaxId(key, "900100001");
    const second = encryptTaxId(key, "900100001");
    expect(first).not.toBe(second);
    expect(first).not.toContain("900100001");
    expect(first.split(".")).toHaveLength(3);
    expect(decryptTaxId(key, first)).toBe("900100001");
    expect(decryptTaxId(key, second)).toBe("900100001");
  });

  it("refuses another key or an altered value", () => {
    const stored = encryptTaxId(key, "900100001");
    expect(() => decryptTaxId(randomBytes(32), stored)).toThrow();
    const [iv, tag, ciphertext] = stored.split(".");
    const altered = Buffer.from(ciphertext, "base64url");
    altered[0] ^= 1;
    expect(() => decryptTaxId(key, [iv, tag, altered.toString("base64url")].join("."))).toThrow();
    expect(() => decryptTaxId(key, "garbage")).toThrow();
  });
});
