import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isSpanContextValid, type Span } from "@opentelemetry/api";
import type { ServiceMetrics } from "./metrics";

/** The header that carries a request's id: taken from the caller when sane, passed on to every subgraph and internal call. */
export const REQUEST_ID_HEADER = "x-request-id";

// What a caller's id may be: short, and nothing a log line or a header could be bent by.
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** What one HTTP request to a service carries through everything it runs (AsyncLocalStorage). */
export interface RequestScope {
  readonly requestId: string;
  /** The trace of the request's server span, when tracing is on. */
  readonly traceId: string | undefined;
  /** The request's server span (tracing on), for attributes known later (the operation). */
  readonly span: Span | undefined;
  /** Added to every log line written while serving the request. */
  readonly logFields: Readonly<Record<string, string>>;
  /** The serving service's counters; null when metrics are off. */
  readonly metrics: ServiceMetrics | null;
  /** The GraphQL operation's name, once Apollo knows it. */
  operation?: string;
  /** "ok", or the `extensions.code` of the answer's first error (or of the refusal). */
  outcome?: string;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** The id a request is known by: the caller's `x-request-id` when sane, else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === "string" && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Opens the scope of one request, traced in `span` (none when not traced). */
export function openRequestScope(request: IncomingMessage, metrics: ServiceMetrics | null, span?: Span): RequestScope {
  const requestId = requestIdOf(request);
  const spanContext = span?.spanContext();
  const traceId = spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
  return { requestId, traceId, span, metrics, logFields: traceId ? { requestId, traceId } : { requestId } };
}

/** Runs `serve` inside `scope`: everything it starts, awaits or schedules sees the scope. */
export function runInRequestScope<T>(scope: RequestScope, serve: () => T): T {
  return scopes.run(scope, serve);
}

/** The scope of the request being served, or undefined outside one (start-up, timers of their own). */
export function currentRequest(): RequestScope | undefined {
  return scopes.getStore();
}

/** The metrics of the service serving the current request, or null (outside a request, or metrics off). */
export function currentMetrics(): ServiceMetrics | null {
  return scopes.getStore()?.metrics ?? null;
}
