import { z } from "zod";

// The field types of a records file, each with the words a refusal uses: a problem reads
// "<record>.<field>: <message>", so every message completes a sentence about one field.

const MAX_TEXT = 200;

/**
 * A required, non-empty string, trimmed. Each step stops at its first problem (a field gets one
 * message): the length checks run only on a string, and what follows only on a good one.
 */
export const requiredText = z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? "is required" : "must be a string") }).pipe(
  z
    .string()
    .trim()
    .min(1, { error: "must not be empty", abort: true })
    .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters`, abort: true }),
);

/** An optional string: absent, null or blank all mean "not on file" (null). */
export const optionalText = z
  .string({ error: "must be a string or omitted" })
  .trim()
  .nullish()
  .transform((value) => (value ? value : null));

/** Required text that `normalise` turns into its one form, or refuses with `must be <rule>`. */
export function normalisedText(normalise: (value: string) => string | null, rule: string) {
  return requiredText.transform((value, context) => {
    const normalised = normalise(value);
    if (normalised !== null) return normalised;
    context.addIssue({ code: "custom", message: `must be ${rule}`, input: value });
    return z.NEVER;
  });
}

/** Required text, one of `values`. */
export function oneOf<T extends string>(values: readonly [T, ...T[]]) {
  return requiredText.pipe(z.enum(values, { error: `must be one of ${values.join(", ")}` }));
}

/** A whole number from `min` to `max` (a number in the JSON, not a string of digits). */
export function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int({ error: message, abort: true }).min(min, { error: message, abort: true }).max(max, { error: message, abort: true });
}
