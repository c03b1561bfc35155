// Loaded first by the entry point: tracing patches pg and ioredis as they load, so it starts
// before them (OTEL_* variables; nothing is loaded or started without an OTLP endpoint); and
// graphql-js loads here, in production mode whatever NODE_ENV says (decision 0024).
import { loadGraphqlInProductionMode, startTracing } from "@oa/platform/tracing";

loadGraphqlInProductionMode();
export const tracing = startTracing("identity");
