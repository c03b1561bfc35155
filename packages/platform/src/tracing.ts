// OpenTelemetry tracing, configured by the standard OTEL_* variables. Imported first by each entry
// point (through `@oa/platform/tracing`, which loads nothing else of the platform): the
// instrumentations patch pg and ioredis as those load, so they must not have loaded yet.
// With no OTLP endpoint set nothing is loaded or started, and the OpenTelemetry API stays a no-op.
// HTTP is not patched: the services make their server spans (server-span.ts) and put the trace
// context on the calls they make (the gateway's subgraph fetches, InternalClient) themselves.

/** Tracing as started for this process; `close` sends the spans still buffered. */
export interface Tracing {
  readonly enabled: boolean;
  /** Throws what is wrong with the OTEL_* variables, if anything (tracing is then off): for the start to report. */
  check(): void;
  close(): Promise<void>;
}

const OFF: Tracing = { enabled: false, check: () => undefined, close: async () => undefined };

/**
 * Whether tracing is wanted: an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and neither OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none.
 */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter === "none") return false;
  if (exporter && exporter !== "otlp") throw new Error(`OTEL_TRACES_EXPORTER must be otlp or none, got "${env.OTEL_TRACES_EXPORTER}"`);
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/** The OTLP protocol of the trace exporter: http/protobuf (the default) or http/json. */
export function tracesProtocol(env: NodeJS.ProcessEnv = process.env): "http/protobuf" | "http/json" {
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? "http/protobuf").trim().toLowerCase();
  if (protocol === "http/protobuf" || protocol === "http/json") return protocol;
  throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json, got "${protocol}"`);
}

/**
 * Starts tracing for the service `serviceName` (OTEL_SERVICE_NAME wins) when an OTLP endpoint is
 * set: the W3C trace context propagator and the context manager, so that the services' own spans
 * (each GraphQL request, each internal call), the Apollo Gateway's (planning, each subgraph fetch)
 * and those of every PostgreSQL query and Redis command land under the request that made them,
 * sent in batches to the OTLP/HTTP endpoint. Otherwise it loads nothing and costs nothing.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  try {
    return tracingWanted(env) ? startSdk(serviceName, tracesProtocol(env)) : OFF;
  } catch (error) {
    // Reported by the start (runService prints one line and exits 1), not as a crash while modules load.
    return {
      ...OFF,
      check: () => {
        throw error;
      },
    };
  }
}

function startSdk(serviceName: string, protocol: "http/protobuf" | "http/json"): Tracing {
  // Required here, not imported: loaded only when tracing is on.
  const { NodeTracerProvider, BatchSpanProcessor } = require("@opentelemetry/sdk-trace-node") as typeof import("@opentelemetry/sdk-trace-node");
  const { defaultResource, detectResources, envDetector, resourceFromAttributes } = require("@opentelemetry/resources") as typeof import("@opentelemetry/resources");
  const { registerInstrumentations } = require("@opentelemetry/instrumentation") as typeof import("@opentelemetry/instrumentation");
  const { PgInstrumentation } = require("@opentelemetry/instrumentation-pg") as typeof import("@opentelemetry/instrumentation-pg");
  const { IORedisInstrumentation } = require("@opentelemetry/instrumentation-ioredis") as typeof import("@opentelemetry/instrumentation-ioredis");
  const { OTLPTraceExporter } = (
    protocol === "http/json" ? require("@opentelemetry/exporter-trace-otlp-http") : require("@opentelemetry/exporter-trace-otlp-proto")
  ) as typeof import("@opentelemetry/exporter-trace-otlp-proto");

  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the env detector) over the service's own name.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ "service.name": serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  // The exporter reads the endpoint, headers, timeout and compression from OTEL_EXPORTER_OTLP_*;
  // the batch processor OTEL_BSP_*; the provider the sampler (OTEL_TRACES_SAMPLER).
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Statements with their placeholders, never their values (enhancedDatabaseReporting stays off);
      // no span for taking a pooled connection, one per query is enough.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      // The command's name only: Redis keys name sessions and people.
      new IORedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: (command) => command }),
    ],
  });
  return { enabled: true, check: () => undefined, close: () => provider.shutdown() };
}

// Loaded first like tracing, by the same import of every entry point, and loading nothing until called.
export { graphqlInProductionMode, loadGraphqlInProductionMode } from "./graphql-production";
