import type { Dependency } from "./metrics";

// Recognises the errors of a dependency that did not answer (Redis, PostgreSQL, a socket), as
// opposed to a fault in the code: those become SERVICE_UNAVAILABLE, not INTERNAL_SERVER_ERROR.

/** Socket errors of a peer that is down, unreachable or went away. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * PostgreSQL SQLSTATEs of a connection that cannot be used: class 08 (connection exception),
 * shutdowns (57P01-57P03) and too many connections (53300); and of a statement that did not
 * answer in time: cancelled by DATABASE_STATEMENT_TIMEOUT_MS (57014).
 */
function isPostgresConnectionState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300" || code === "57014";
}

/** Messages of ioredis: closed, timed out, given up; and of a Redis Cluster that cannot serve a slot now. */
const REDIS_MESSAGES = [
  /^Connection is closed\.?$/,
  /^Command timed out$/,
  /^Stream isn't writeable/,
  /^Reached the max retries per request limit/,
  /^CLUSTERDOWN /,
  /^TRYAGAIN /,
  /^Cluster isn't ready/,
  /^None of startup nodes is available$/,
  /^Failed to refresh slots cache/,
];
const REDIS_NAMES = new Set(["MaxRetriesPerRequestError", "ClusterAllFailedError"]);

/** Messages of pg / pg-pool: the connection lost or not got. */
const POSTGRES_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect$/i, /^Client has encountered a connection error and is not queryable$/];

// Wrappers hold the error that came from the connection: GraphQLError.originalError, TypeORM's
// QueryFailedError.driverError (always PostgreSQL's), Error.cause, AggregateError.errors (Node's
// connect to several addresses).
function innerErrors(error: object): { inner: unknown; via?: Dependency }[] {
  const record = error as Record<string, unknown>;
  const inner: { inner: unknown; via?: Dependency }[] = [
    { inner: record.originalError },
    { inner: record.driverError, via: "postgresql" },
    { inner: record.cause },
    ...(Array.isArray(record.errors) ? record.errors.map((each: unknown) => ({ inner: each })) : []),
  ];
  return inner.filter(({ inner: each }) => each !== undefined && each !== null && each !== error);
}

function dependencyItself(error: object, via: Dependency | undefined): Dependency | null {
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof name === "string" && REDIS_NAMES.has(name)) return "redis";
  if (typeof code === "string" && isPostgresConnectionState(code)) return "postgresql";
  if (typeof message === "string") {
    if (REDIS_MESSAGES.some((pattern) => pattern.test(message))) return "redis";
    if (POSTGRES_MESSAGES.some((pattern) => pattern.test(message))) return "postgresql";
  }
  // A bare socket error does not say whose socket it was, unless it came through PostgreSQL's driver.
  if (typeof code === "string" && NETWORK_CODES.has(code)) return via ?? "network";
  return null;
}

/**
 * Which dependency `error` (or an error it wraps) says did not answer: "redis", "postgresql", or
 * "network" for a socket error that does not tell; null when it is no outage (a fault of the code).
 */
export function unavailableDependency(error: unknown, via?: Dependency, depth = 0): Dependency | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  // TypeORM copies its driver's error (code included) onto the error it wraps it in.
  const driverError = (error as { driverError?: unknown }).driverError;
  const itself = dependencyItself(error, driverError ? "postgresql" : via);
  if (itself) return itself;
  for (const { inner, via: innerVia } of innerErrors(error)) {
    const found = unavailableDependency(inner, innerVia ?? via, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * True when `error` (or an error it wraps) says that Redis, PostgreSQL or another service could
 * not be reached or did not answer in time: the operation may work once it is back.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  return unavailableDependency(error) !== null;
}
