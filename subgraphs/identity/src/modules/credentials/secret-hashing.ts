import argon2 from "argon2";
import { randomBytes } from "node:crypto";

// OWASP's argon2id floor: 19 MiB, 2 iterations, 1 lane.
const ARGON2ID = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2id hash of a password or a normalised security answer. */
export function hashSecret(plain: string): Promise<string> {
  return argon2.hash(plain, ARGON2ID);
}

/** True when `plain` matches `hash`; false for a malformed hash rather than an error. */
export async function verifySecret(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

// A hash of a random value, made once at start: an unknown username is checked against it so
// that it costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

/** Spends the time of one real verification and always answers false. */
export async function verifyAgainstDummy(plain: string): Promise<false> {
  dummyHash ??= hashSecret(randomBytes(32).toString("base64url"));
  await verifySecret(await dummyHash, plain);
  return false;
}

/**
 * Checks a password against a login's hash, or against the dummy hash when there is no login
 * (null), so an unknown username costs one verification too and answers in the same time.
 */
export type PasswordCheck = (passwordHash: string | null, password: string) => Promise<boolean>;

/** A PasswordCheck that tells `observe` before each verification (tests count them). */
export function passwordCheck(observe: () => void): PasswordCheck {
  return (passwordHash, password) => {
    observe();
    return passwordHash === null ? verifyAgainstDummy(password) : verifySecret(passwordHash, password);
  };
}
