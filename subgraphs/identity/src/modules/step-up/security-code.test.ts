import { randomBytes } from "node:crypto";
import { isChallengeId, newChallengeId, newSecurityCode, normaliseSubmittedCode, securityCodeHash } from "./security-code";

describe("newSecurityCode", () => {
  it("is always exactly six digits", () => {
    for (let i = 0; i < 2_000; i++) expect(newSecurityCode()).toMatch(/^\d{6}$/);
  });

  it("varies and keeps leading zeros", () => {
    const codes = Array.from({ length: 20_000 }, () => newSecurityCode());
    expect(new Set(codes).size).toBeGreaterThan(19_000);
    // About 10% of codes start with 0; padding must keep them six digits long.
    const leadingZero = codes.filter((code) => code.startsWith("0")).length;
    expect(leadingZero).toBeGreaterThan(1_500);
    expect(leadingZero).toBeLessThan(2_500);
  });
});

describe("securityCodeHash", () => {
  const key = randomBytes(32);

  it("is bound to the challenge, the code and the key, and hides the code", () => {
    const hash = securityCodeHash(key, "challenge-a", "123456");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain("123456");
    expect(securityCodeHash(key, "challenge-a", "123456")).toBe(hash);
    expect(securityCodeHash(key, "challenge-b", "123456")).not.toBe(hash);
    expect(securityCodeHash(key, "challenge-a", "123457")).not.toBe(hash);
    expect(securityCodeHash(randomBytes(32), "challenge-a", "123456")).not.toBe(hash);
  });
});

describe("normaliseSubmittedCode", () => {
  it("ignores spaces and dashes between digits", () => {
    expect(normaliseSubmittedCode(" 123 456 ")).toBe("123456");
    expect(normaliseSubmittedCode("123-456")).toBe("123456");
  });
});

describe("challenge ids", () => {
  it("are 128-bit base64url and recognised", () => {
    const id = newChallengeId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(isChallengeId(id)).toBe(true);
    expect(newChallengeId()).not.toBe(id);
    expect(isChallengeId("short")).toBe(false);
    expect(isChallengeId(`${id}=`)).toBe(false);
  });
});

describe("sameCodeHash", () => {
  it("matches the same hash only, and nothing against a challenge without a code", async () => {
    const { sameCodeHash, securityCodeHash } = await import("./security-code");
    const key = Buffer.alloc(32, 7);
    const hash = securityCodeHash(key, "challenge", "123456");
    expect(sameCodeHash(securityCodeHash(key, "challenge", "123456"), hash)).toBe(true);
    expect(sameCodeHash(securityCodeHash(key, "challenge", "123457"), hash)).toBe(false);
    expect(sameCodeHash(securityCodeHash(key, "other", "123456"), hash)).toBe(false);
    expect(sameCodeHash(hash, null)).toBe(false);
    expect(sameCodeHash("short", hash)).toBe(false);
  });
});
