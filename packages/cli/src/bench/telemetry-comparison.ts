import type { Settings } from "@oa/platform";
import { type OtlpReceiver, startOtlpReceiver } from "../otlp-receiver";
import { cleanEnvironment, type StandaloneServices, startStandaloneServices } from "../standalone-services";
import type { Comparison } from "./compare";
import { type BenchUser, snapshotWorkload } from "./comparisons";
import { formatRatio } from "./report";
import { type BenchSecrets, secretsEnvironment } from "./production-targets";
import { ratio } from "./stats";

/** The four services twice as processes of their own: once with tracing and metrics, once with neither. */
export interface TelemetryVariants {
  onGatewayUrl: string;
  offGatewayUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the built services twice, each a process as deployed, over the benchmark's database and
 * Redis (so its users' sessions work there too): with OTEL_EXPORTER_OTLP_ENDPOINT (to a receiver
 * in this process that drains the exports, as protobuf, the default) and metrics; and with no
 * OTEL_* variable and METRICS_ENABLED=false.
 */
export async function startTelemetryVariants(settings: Settings, secrets: BenchSecrets): Promise<TelemetryVariants> {
  const started: StandaloneServices[] = [];
  let receiver: OtlpReceiver | undefined;
  const stop = async () => {
    for (const services of started.splice(0)) await services.stop();
    await receiver?.close();
  };
  try {
    receiver = await startOtlpReceiver({ keep: false });
    const base = {
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      DATABASE_URL: settings.databaseUrl!,
      REDIS_URL: settings.redisUrl!,
      REDIS_KEY_PREFIX: settings.redisKeyPrefix,
      ...secretsEnvironment(secrets),
    };
    const results = await Promise.allSettled([
      startStandaloneServices({ env: cleanEnvironment({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint }) }),
      startStandaloneServices({ env: cleanEnvironment({ ...base, METRICS_ENABLED: "false" }) }),
    ]);
    for (const result of results) if (result.status === "fulfilled") started.push(result.value);
    const [on, off] = results.map((result) => {
      if (result.status === "rejected") throw result.reason;
      return result.value;
    });
    return { onGatewayUrl: on.gatewayUrl, offGatewayUrl: off.gatewayUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The Snapshot through the four processes with tracing (every request sampled) and metrics, against the same without either. */
export function telemetryComparison(variants: TelemetryVariants, user: BenchUser): Comparison {
  return {
    title: `Snapshot (${user.vehicleAccounts} vehicle account), four processes: tracing (OTLP, every request) and metrics on vs both off`,
    subject: { label: "tracing and metrics on", workload: snapshotWorkload(variants.onGatewayUrl, user), uncounted: true },
    baseline: { label: "both off", workload: snapshotWorkload(variants.offGatewayUrl, user), uncounted: true },
    summary: (on, off) =>
      `With tracing (every request sampled, spans exported over OTLP) and metrics on, the four processes serve ${formatRatio(ratio(on.requestsPerSecond, off.requestsPerSecond))}x ` +
      `the Snapshot requests/s of the same processes with both off, at ${formatRatio(ratio(on.p50Ms, off.p50Ms))}x their median latency.`,
  };
}
