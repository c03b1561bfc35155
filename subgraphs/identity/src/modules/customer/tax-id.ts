// The form of a tax id (9 digits) is platform's normaliseTaxId; here, how identity keeps it.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/** The keyed HMAC-SHA256 (hex) customers are found by: the tax id itself is never a key. */
export function taxIdLookup(key: Buffer, digits: string): string {
  return createHmac("sha256", key).update(digits, "utf8").digest("hex");
}

/** AES-256-GCM with a random 96-bit iv: `iv.tag.ciphertext`, each base64url. */
export function encryptTaxId(key: Buffer, digits: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(digits, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url")).join(".");
}

/** The digits back from `encryptTaxId`'s output; throws when the value was altered or the key is wrong. */
export function decryptTaxId(key: Buffer, stored: string): string {
  const [iv, tag, ciphertext] = stored.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !tag || !ciphertext || iv.length !== 12 || tag.length !== 16) throw new Error("not an encrypted tax id");
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
}
