import type { IncomingMessage, ServerResponse } from "node:http";
import { context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

const tracer = trace.getTracer("@oa/platform/http-service");

/**
 * Serves one GraphQL request in a SERVER span that continues the caller's W3C trace context
 * (`traceparent`), ended when `serve` settles. Made here rather than by patching node:http, which
 * costs every request a fifth of the throughput: the only headers read are the trace context's,
 * and nothing of the URL's query (where GET carries variables) is recorded. With tracing off the
 * OpenTelemetry API is a no-op and this costs next to nothing.
 */
export function inServerSpan(request: IncomingMessage, response: ServerResponse, service: string, serve: (span: Span) => Promise<void>): Promise<void> {
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const span = tracer.startSpan(
    `${request.method} /graphql`,
    {
      kind: SpanKind.SERVER,
      attributes: { "http.request.method": request.method ?? "GET", "http.route": "/graphql", "url.path": "/graphql", "oa.service": service },
    },
    parent,
  );
  return context
    .with(trace.setSpan(parent, span), () => serve(span))
    .finally(() => {
      span.setAttribute("http.response.status_code", response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
}
