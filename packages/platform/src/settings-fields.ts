import { isIP } from "node:net";
import { z } from "zod";
import { RedisUrlError, redisTargetOf } from "./redis-url";

// The kinds of setting the environment holds, as zod schemas of one variable's raw text. Each
// message completes a sentence that begins with the variable's name ("LOCKOUT_SECONDS must be
// ..."); a message that shows what was given says so itself, and no secret is ever shown.

// Schemas whose refusal may repeat what was given (never a secret's).
const echoing = new WeakSet<z.ZodType>();

/** Whether a refusal by this schema may show the value given. */
export function echoesInput(schema: unknown): boolean {
  return echoing.has(schema as z.ZodType);
}

function echoed<T extends z.ZodType>(schema: T): T {
  echoing.add(schema);
  return schema;
}

/** Absent, or only blanks: not set. */
function blankAsUnset(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

/** A whole number from `min` to `max`; `fallback` when not set. */
export function wholeNumber(fallback: number, min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return echoed(
    z.preprocess(
      blankAsUnset,
      z.coerce
        .number({ error: message })
        .int({ error: message, abort: true })
        .min(min, { error: message, abort: true })
        .max(max, { error: message, abort: true })
        .default(fallback),
    ),
  );
}

/** true or false, in any case; `fallback` when not set. */
export function trueOrFalse(fallback: boolean) {
  return echoed(
    z.preprocess(
      (value) => blankAsUnset(typeof value === "string" ? value.trim() : value),
      z.stringbool({ truthy: ["true"], falsy: ["false"], case: "insensitive", error: "must be true or false" }).default(fallback),
    ),
  );
}

/** Text, trimmed; undefined when not set. */
export const optionalText = z.preprocess(blankAsUnset, z.string().trim().optional());

/**
 * REDIS_URL: one server's URL, or a Redis Cluster as `redis+cluster://host:port,host:port`; a
 * cluster URL that does not read is refused (never shown: it may hold a password). Undefined when not set.
 */
export const redisUrl = optionalText.superRefine((value, context) => {
  if (value === undefined) return;
  try {
    redisTargetOf(value);
  } catch (error) {
    if (!(error instanceof RedisUrlError)) throw error;
    context.addIssue({ code: "custom", message: error.message, input: undefined });
  }
});

/** REDIS_KEY_PREFIX: braces would make the prefix the hash tag of every key, all in one cluster slot. */
export const redisKeyPrefix = echoed(
  z
    .string()
    .default("oa:")
    .refine((prefix) => !/[{}]/.test(prefix), { error: "must not contain { or }: in a key they choose its Redis Cluster slot, and the prefix would put every key in one" }),
);

/** A `;`-separated list, blanks dropped, each item checked by `item`; `fallback`'s items when not set (an empty value is an empty list). */
export function list<Item extends z.ZodType<string, string>>(item: Item, fallback = "") {
  return z
    .string()
    .default(fallback)
    .transform((raw) =>
      raw
        .split(";")
        .map((part) => part.trim())
        .filter((part) => part !== ""),
    )
    .pipe(z.array(item));
}

/** One exact IP address as Node reports a peer's (no ranges, no names), so that a typo cannot go unnoticed. */
export const ipAddress = z.string().refine((item) => isIP(item) !== 0, {
  error: (issue) => `takes exact IP addresses separated by ";", got "${String(issue.input)}"`,
});

/** One origin (scheme, host and port, nothing else) as browsers send it. */
export const webOrigin = z
  .string()
  .refine((item) => URL.canParse(item) && new URL(item).origin !== "null" && new URL(item).origin === item.replace(/\/$/, ""), {
    error: (issue) => `takes origins such as https://online.example.com separated by ";", got "${String(issue.input)}"`,
  })
  .transform((item) => new URL(item).origin);

/** One of `levels`; `fallback` when absent (a blank value is refused). */
export function level<const Level extends string>(levels: readonly [Level, ...Level[]], fallback: Level) {
  const named = `${levels.slice(0, -1).join(", ")} or ${levels[levels.length - 1]}`;
  return z.enum(levels, { error: (issue) => `must be ${named}, got "${String(issue.input)}"` }).default(fallback);
}

/** Where the public dev-only secrets are refused, and how to say so. */
export interface DevOnlyRefusal {
  /** Completes "X must be set ...". */
  unset: string;
  /** Completes "X is the public dev-only value; ...". */
  reason: string;
}

/** A signing secret of at least 32 characters; its dev-only default only where `refusal` is null. */
export function secret(devDefault: string, refusal: DevOnlyRefusal | null) {
  return z
    .string()
    .optional()
    .refine((value) => value !== undefined || !refusal, { error: `must be set ${refusal?.unset}`, abort: true })
    .transform((value) => value ?? devDefault)
    .pipe(
      z
        .string()
        .min(32, { error: "must be set, at least 32 characters", abort: true })
        .refine((value) => !refusal || value !== devDefault, { error: `is the public dev-only value; ${refusal?.reason}` }),
    );
}

/** A 32-byte key as 64 hex digits or base64; its dev-only default only where `refusal` is null. */
export function key(devDefault: string, refusal: DevOnlyRefusal | null) {
  const dev = Buffer.from(devDefault, "base64");
  return z
    .string()
    .optional()
    .transform((raw) => (raw ? raw : undefined))
    .refine((raw) => raw !== undefined || !refusal, { error: `must be set ${refusal?.unset}`, abort: true })
    .transform((raw) => (raw === undefined ? dev : /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64")))
    .refine((bytes) => bytes.length === 32, { error: "must be 32 bytes, as 64 hex digits or base64", abort: true })
    .refine((bytes) => !refusal || !bytes.equals(dev), { error: `is the public dev-only value; ${refusal?.reason}` });
}
