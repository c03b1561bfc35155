import { createHash } from "node:crypto";
import { hashDeviceToken, isWellFormedDeviceToken, newDeviceToken } from "./device-token";

describe("device tokens", () => {
  it("are 32 random bytes in base64url", () => {
    const token = newDeviceToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(isWellFormedDeviceToken(token)).toBe(true);
  });

  it("do not repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, newDeviceToken));
    expect(tokens.size).toBe(1000);
  });

  it("are stored as their SHA-256 in hex", () => {
    const token = newDeviceToken();
    expect(hashDeviceToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashDeviceToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashDeviceToken(token)).not.toBe(hashDeviceToken(newDeviceToken()));
  });

  it("refuse anything of another shape", () => {
    const token = newDeviceToken();
    for (const bad of ["", token.slice(1), `${token}A`, `${token.slice(1)}=`, `${token.slice(1)}+`, " ".repeat(43)]) {
      expect(isWellFormedDeviceToken(bad)).toBe(false);
    }
  });
});
