import { createHash, randomBytes } from "node:crypto";

// 32 random bytes in base64url: 43 characters, 256 bits.
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new device credential; shown to identity once, then only its hash exists. */
export function newDeviceToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** SHA-256 hex: what the devices table stores and looks up. */
export function hashDeviceToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** False for anything newDeviceToken could not have made, so it is refused without a query. */
export function isWellFormedDeviceToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
