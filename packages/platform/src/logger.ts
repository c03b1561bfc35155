import pino, { type DestinationStream, type Logger as PinoLogger } from "pino";
import { currentRequest } from "./request-scope";
import type { Settings } from "./settings";

/**
 * The service's logger: one line per call, JSON (pretty on a developer's terminal). Callers pass
 * ids and outcomes, never secrets or personal data; fields named like a secret are redacted anyway,
 * and every line written while serving a request carries its `requestId` (and `traceId`).
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Field names whose value is never written: inputs, credentials and tokens of every kind. */
export const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "answer",
  "answers",
  "securityAnswers",
  "code",
  "securityCode",
  "token",
  "tokens",
  "accessToken",
  "refreshToken",
  "deviceToken",
  "sessionToken",
  "taxId",
  "ssn",
  "accountNumber",
  "secret",
  "credential",
] as const;

/** Headers whose value is never written. */
export const SECRET_HEADERS = ["authorization", "cookie", "set-cookie", "x-oa-gateway", "x-oa-gateway-claims"] as const;

// Where a log call could carry a secret: at the top, or inside what holds a request's input or
// headers. Explicit paths cost next to nothing per line; wildcards cost tens of microseconds.
const FIELD_HOLDERS = ["", "input", "variables", "variables.input", "args", "args.input", "body.variables", "body.variables.input"];
const HEADER_HOLDERS = ["", "headers", "request.headers", "req.headers", "response.headers", "res.headers"];

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`);
const at = (holder: string, name: string) => (holder === "" ? key(name) : key(name).startsWith("[") ? `${holder}${key(name)}` : `${holder}.${name}`);

/** pino's redaction paths for SECRET_FIELDS and SECRET_HEADERS. */
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_FIELDS.flatMap((name) => FIELD_HOLDERS.map((holder) => at(holder, name))),
  ...SECRET_HEADERS.flatMap((name) => HEADER_HOLDERS.map((holder) => at(holder, name))),
];

/** The request's ids on every line written while serving it (a new object: pino merges the line's fields into it). */
const requestFields = () => {
  const scope = currentRequest();
  return scope ? { ...scope.logFields } : {};
};

/**
 * A logger at `level` with `bindings` on every line. Lines go to `write` (one line, without its
 * newline) when given, else to stdout: as JSON, or through pino-pretty (a development dependency)
 * when NODE_ENV is development and stdout is a terminal.
 */
export function createLogger(level: Settings["logLevel"], bindings: Record<string, unknown> = {}, write?: (line: string) => void): Logger {
  const destination: DestinationStream = write ? { write: (chunk: string) => write(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) } : stdoutDestination();
  const root = pino(
    {
      level,
      base: undefined,
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: "[redacted]" },
      mixin: requestFields,
    },
    destination,
  );
  return wrap(Object.keys(bindings).length > 0 ? root.child(bindings) : root);
}

function wrap(logger: PinoLogger): Logger {
  return {
    debug: (message, fields) => (fields ? logger.debug(fields, message) : logger.debug(message)),
    info: (message, fields) => (fields ? logger.info(fields, message) : logger.info(message)),
    warn: (message, fields) => (fields ? logger.warn(fields, message) : logger.warn(message)),
    error: (message, fields) => (fields ? logger.error(fields, message) : logger.error(message)),
    child: (bindings) => wrap(logger.child(bindings)),
  };
}

let pretty: DestinationStream | null | undefined;

/** stdout itself (so whoever watches process.stdout sees every line), or pino-pretty on a developer's terminal. */
function stdoutDestination(): DestinationStream {
  if (pretty === undefined) pretty = (process.env.NODE_ENV ?? "development") === "development" && process.stdout.isTTY ? prettyStream() : null;
  return pretty ?? process.stdout;
}

function prettyStream(): DestinationStream | null {
  try {
    // A development dependency: absent from a production install, where the lines stay JSON.
    const build = require("pino-pretty") as (options: Record<string, unknown>) => DestinationStream;
    return build({ messageKey: "message", translateTime: "SYS:HH:MM:ss.l", sync: true });
  } catch {
    return null;
  }
}

/** Error details for a log line: name and message (also of an error that came as plain JSON). */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.name, detail: error.message };
  if (error && typeof error === "object" && "message" in error) return { error: "Error", detail: String(error.message) };
  return { error: String(error) };
}
