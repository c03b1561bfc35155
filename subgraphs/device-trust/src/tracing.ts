// Loaded first by the entry point: tracing patches pg and ioredis as they load, so it starts
// before them (OTEL_* variables; nothing is loaded or started without an OTLP endpoint).
import { startTracing } from "@oa/platform/tracing";

export const tracing = startTracing("device-trust");
