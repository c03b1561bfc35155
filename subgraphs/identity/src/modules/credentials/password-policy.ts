import { say } from "../messages/messages";
import { isCommonPassword } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** What a password must not contain: the person's own details. */
export interface PasswordOwner {
  username: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  /** The 9 tax id digits. */
  taxIdDigits: string;
}

export type PasswordRule = "LENGTH" | "COMMON" | "USERNAME" | "NAME" | "BIRTH_DATE" | "TAX_ID";

/** Which rule failed; the message never repeats the password or the detail it contains. */
export interface PasswordProblem {
  rule: PasswordRule;
  message: string;
}

// The words of each rule: modules/messages/messages.ts.
const MESSAGES: Record<PasswordRule, () => string> = {
  LENGTH: () => say("password.length", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }),
  COMMON: () => say("password.common"),
  USERNAME: () => say("password.username"),
  NAME: () => say("password.name"),
  BIRTH_DATE: () => say("password.birthDate"),
  TAX_ID: () => say("password.taxId"),
};

// Name parts shorter than this are left out: "Li" would rule out "reliable".
const MIN_NAME_PART = 3;

/** What the person typed, before anything on file is known of them. */
export type PasswordTyped = Pick<PasswordOwner, "username" | "taxIdDigits">;

/** The first rule the password breaks, in the order above; null when it is acceptable. */
export function checkPassword(password: string, owner: PasswordOwner): PasswordProblem | null {
  return problem(checkTyped(password, owner) ?? checkPersonal(password, owner) ?? checkTaxId(password, owner));
}

/**
 * The rules that need nothing on file (length, common, username, tax id), checked before a person
 * is verified, so the answer to a weak password never tells whether the tax id was right.
 */
export function checkPasswordAsTyped(password: string, typed: PasswordTyped): PasswordProblem | null {
  return problem(checkTyped(password, typed) ?? checkTaxId(password, typed));
}

/**
 * The rules that need nothing of the person (length, common): all that may be judged before the
 * person has proven who they are, where the person's own details would answer for them (recovery
 * before its code is used, a password change before the current password is checked).
 */
export function checkPasswordForm(password: string): PasswordProblem | null {
  return problem(checkForm(password));
}

function problem(rule: PasswordRule | null): PasswordProblem | null {
  return rule ? { rule, message: MESSAGES[rule]() } : null;
}

function checkForm(password: string): PasswordRule | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return "LENGTH";
  if (isCommonPassword(password)) return "COMMON";
  return null;
}

function checkTyped(password: string, typed: PasswordTyped): PasswordRule | null {
  const form = checkForm(password);
  if (form) return form;
  if (foldForComparison(password).includes(foldForComparison(typed.username))) return "USERNAME";
  return null;
}

function checkPersonal(password: string, owner: PasswordOwner): PasswordRule | null {
  if (nameParts(owner).some((part) => foldForComparison(password).includes(part))) return "NAME";
  if (birthDateForms(owner.dateOfBirth).some((form) => digitsOf(password).includes(form))) return "BIRTH_DATE";
  return null;
}

function checkTaxId(password: string, typed: PasswordTyped): PasswordRule | null {
  const digits = digitsOf(password);
  return digits.includes(typed.taxIdDigits) || digits.includes(typed.taxIdDigits.slice(-4)) ? "TAX_ID" : null;
}

// Digits only, so "03/09/1984", "1984-03-09" and "x0309x84" are all read as their digits.
function digitsOf(password: string): string {
  return password.replace(/\D/g, "");
}

// Latin letters that carry their mark in the letter itself, so decomposition leaves them as they are.
const UNDECOMPOSABLE: Record<string, string> = { ø: "o", ł: "l", đ: "d", ð: "d", ħ: "h", ı: "i", ŧ: "t", þ: "th", ß: "ss", æ: "ae", œ: "oe" };

/**
 * Text as compared for the username and name rules: lower case, compatibility forms decomposed and
 * marks removed, so `Siobhán`, `SIOBHAN` and `siobhan` are the same name.
 */
export function foldForComparison(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[øłđðħıŧþßæœ]/g, (letter) => UNDECOMPOSABLE[letter]);
}

function nameParts(owner: PasswordOwner): string[] {
  const parts = new Set<string>();
  for (const name of [owner.firstName, owner.lastName]) {
    const lower = foldForComparison(name).trim();
    if (lower.length >= MIN_NAME_PART) parts.add(lower);
    const joined = lower.replace(/[^\p{L}]/gu, "");
    if (joined.length >= MIN_NAME_PART) parts.add(joined);
    for (const part of lower.split(/[^\p{L}]+/u)) if (part.length >= MIN_NAME_PART) parts.add(part);
  }
  return [...parts];
}

/** The ways people write a birth date, as digits: 19840309, 03091984, 09031984, 030984, 391984 ... */
export function birthDateForms(dateOfBirth: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) return [];
  const [, yyyy, mm, dd] = match;
  const yy = yyyy.slice(2);
  const m = String(Number(mm));
  const d = String(Number(dd));
  return [...new Set([yyyy + mm + dd, mm + dd + yyyy, dd + mm + yyyy, mm + dd + yy, dd + mm + yy, yy + mm + dd, m + d + yyyy, d + m + yyyy, yyyy + m + d])];
}
