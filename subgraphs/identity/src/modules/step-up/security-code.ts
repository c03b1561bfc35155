import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** A new 6-digit security code, every value from 000000 to 999999 equally likely. */
export function newSecurityCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/**
 * What is stored instead of the code: a keyed hash bound to its challenge, so a code works only
 * for the challenge it was sent for and Redis never holds one.
 */
export function securityCodeHash(key: Buffer, challengeId: string, code: string): string {
  return createHmac("sha256", key).update(`${challengeId}:${code}`, "utf8").digest("hex");
}

/** Whether a submitted code's hash is the stored one, compared in constant time. */
export function sameCodeHash(submitted: string, stored: string | null): boolean {
  if (stored === null || submitted.length !== stored.length) return false;
  return timingSafeEqual(Buffer.from(submitted), Buffer.from(stored));
}

/** A code as typed: spaces and dashes between the digits are ignored. */
export function normaliseSubmittedCode(code: string): string {
  return code.length <= 64 ? code.replace(/[\s-]/g, "") : code;
}

const CHALLENGE_ID_SHAPE = /^[A-Za-z0-9_-]{22}$/;

/** A new challenge id: 128 random bits, base64url. */
export function newChallengeId(): string {
  return randomBytes(16).toString("base64url");
}

/** False for anything newChallengeId could not have made, so it is refused without a look-up. */
export function isChallengeId(id: string): boolean {
  return CHALLENGE_ID_SHAPE.test(id);
}
