// Recognises the errors of a dependency that did not answer (Redis, PostgreSQL, a socket), as
// opposed to a fault in the code: those become SERVICE_UNAVAILABLE, not INTERNAL_SERVER_ERROR.

/** Socket errors of a peer that is down, unreachable or went away. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * PostgreSQL SQLSTATEs of a connection that cannot be used: class 08 (connection exception),
 * shutdowns (57P01-57P03) and too many connections (53300).
 */
function isPostgresConnectionState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300";
}

/** Messages of ioredis (closed, timed out, given up) and of pg / pg-pool (connection lost or not got). */
const UNAVAILABLE_MESSAGES = [
  /^Connection is closed\.?$/,
  /^Command timed out$/,
  /^Stream isn't writeable/,
  /^Reached the max retries per request limit/,
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/i,
  /^Client has encountered a connection error and is not queryable$/,
];

const UNAVAILABLE_NAMES = new Set(["MaxRetriesPerRequestError"]);

// Wrappers hold the error that came from the connection: GraphQLError.originalError, TypeORM's
// QueryFailedError.driverError, Error.cause, AggregateError.errors (Node's connect to several addresses).
function innerErrors(error: object): unknown[] {
  const record = error as Record<string, unknown>;
  return [record.originalError, record.driverError, record.cause, ...(Array.isArray(record.errors) ? record.errors : [])].filter(
    (inner) => inner !== undefined && inner !== null && inner !== error,
  );
}

function isUnavailableItself(error: object): boolean {
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || isPostgresConnectionState(code))) return true;
  if (typeof name === "string" && UNAVAILABLE_NAMES.has(name)) return true;
  return typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * True when `error` (or an error it wraps) says that Redis, PostgreSQL or another service could
 * not be reached or did not answer in time: the operation may work once it is back.
 */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  if (isUnavailableItself(error)) return true;
  return innerErrors(error).some((inner) => isDependencyUnavailable(inner, depth + 1));
}
