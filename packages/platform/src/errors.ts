import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unavailableDependency } from "./dependency-errors";
import { withoutInputValues, withoutSuggestions } from "./input-echo";
import { describeError, type Logger } from "./logger";
import { currentMetrics } from "./request-scope";

/**
 * Stable `extensions.code` values for faults. Outcomes a client must handle (rejected,
 * step-up required, locked) are result-union members instead, never errors.
 */
export const ErrorCode = {
  /** No valid session where the operation needs one. */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** The input's shape is wrong in a way the schema could not catch. */
  BAD_USER_INPUT: "BAD_USER_INPUT",
  /** A database, Redis or another subgraph did not answer. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** A caller other than the one allowed an internal field (never a client: the gateway cannot route them). */
  FORBIDDEN: "FORBIDDEN",
  /** Anything unexpected; the details stay in the log. */
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

export function unauthenticated(): GraphQLError {
  return new GraphQLError("You need to sign in for this.", { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

export function serviceUnavailable(): GraphQLError {
  return new GraphQLError("The service is unavailable. Please try again shortly.", {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
  });
}

// Codes whose message was written for clients; every other error is masked.
const PUBLIC_CODES = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.FORBIDDEN,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

export interface MaskErrorsOptions {
  /** Production answers without "Did you mean ...?" suggestions, which would spell out the schema. */
  production: boolean;
}

/**
 * An Apollo `formatError` that keeps client-facing errors and masks the rest: an error of Redis
 * or PostgreSQL not answering becomes SERVICE_UNAVAILABLE (and counts as a dependency error of
 * the request's service), anything else INTERNAL_SERVER_ERROR.
 * A client-facing message never carries the input values graphql-js quotes (the contract: no error
 * echoes a tax id, password, answer, code or token back), nor suggestions in production; without
 * options, suggestions are dropped too.
 */
export function maskErrors(logger: Logger, options: MaskErrorsOptions = { production: true }) {
  const clean = (message: string) => (options.production ? withoutSuggestions(withoutInputValues(message)) : withoutInputValues(message));
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_CODES.has(code)) {
      return { message: clean(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    const dependency = unavailableDependency(original);
    if (dependency) {
      currentMetrics()?.dependencyFailed(dependency);
      logger.warn("dependency unavailable", { path: formatted.path?.join("."), dependency, ...describeError(original) });
      return {
        message: serviceUnavailable().message,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    logger.error("unexpected error", { path: formatted.path?.join("."), ...withoutInputValuesIn(describeError(original)) });
    return {
      message: "Something went wrong. Please try again.",
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** Log fields of an error, its detail without the input values graphql-js may have quoted. */
function withoutInputValuesIn(fields: Record<string, unknown>): Record<string, unknown> {
  return typeof fields.detail === "string" ? { ...fields, detail: withoutInputValues(fields.detail) } : fields;
}
