import type { Settings } from "./settings";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

/** A JSON-lines logger. Callers pass ids and outcomes, never secrets or personal data. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

export function createLogger(
  level: Settings["logLevel"],
  bindings: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stdout.write(line + "\n"),
): Logger {
  const threshold = LEVELS[level];
  const log = (at: Level) => (message: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[at] < threshold) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, ...bindings, message, ...fields }));
  };
  return {
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    child: (more) => createLogger(level, { ...bindings, ...more }, write),
  };
}

/** Error details for a log line: name and message (also of an error that came as plain JSON). */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.name, detail: error.message };
  if (error && typeof error === "object" && "message" in error) return { error: "Error", detail: String(error.message) };
  return { error: String(error) };
}
