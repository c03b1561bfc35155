import { cpus } from "node:os";
import { TEST_POSTGRES_URL, TEST_REDIS_URL } from "@oa/platform/testing";
import { redactUrl } from "../redact-url";
import { type BenchSystem, startBenchSystem } from "./bench-system";
import { setUpBenchUsers } from "./bench-users";
import { type BenchPlan, compare, type ComparisonResult } from "./compare";
import { benchComparisons } from "./comparisons";
import { junkBurstComparison } from "./junk-comparison";
import { startTelemetryVariants, telemetryComparison } from "./telemetry-comparison";
import { HttpClient } from "./http-client";
import { formatReport } from "./report";

/** Vehicle accounts of the larger Snapshot. */
const FLEET_SIZE = 30;

const count = (n: number) => n.toLocaleString("en-US");

/** Where progress goes by default: stderr, so stdout holds the report alone. */
function toStderr(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

function heading(plan: BenchPlan): string {
  return (
    `Online Access benchmark: ${cpus().length} cores, Node ${process.version}; gateway, subgraphs and client in one process on loopback ` +
    `(in the last comparison, the four services as processes of their own), PostgreSQL and Redis on the same machine.\n` +
    `${count(plan.requests)} measured requests per variant at ${count(plan.concurrency)} concurrent, after ${count(plan.warmup)} warm-up; ` +
    `the two variants of each pair alternate in ${plan.rounds} rounds. Ratios are subject ÷ baseline, both measured in this run.`
  );
}

/** Ctrl-C or SIGTERM mid-run still stops the service processes, drops the database and the Redis keys; returns the undo. */
function stopOnSignals(system: BenchSystem, stopProcesses: () => Promise<void>, progress: (line: string) => void): () => void {
  const interrupted = () => {
    progress("interrupted: stopping and dropping the database");
    void stopProcesses()
      .finally(() => system.stop())
      .finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  return () => {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  };
}

/** Starts the system, sets up two signed-in users, measures the comparisons, stops; returns the report. */
export async function runBench(plan: BenchPlan, progress: (line: string) => void = toStderr): Promise<string> {
  const startedAt = Date.now();
  progress(`starting the gateway and the three subgraphs (PostgreSQL ${redactUrl(TEST_POSTGRES_URL)}, Redis ${redactUrl(TEST_REDIS_URL)})`);
  const system = await startBenchSystem();
  let stopTelemetry: () => Promise<void> = async () => undefined;
  const undoSignals = stopOnSignals(system, () => stopTelemetry(), progress);
  const client = new HttpClient(plan.concurrency);
  try {
    progress(`importing 2 generated customers (1 and ${FLEET_SIZE} vehicle accounts), enrolling and signing them in`);
    const users = await setUpBenchUsers(system, client, FLEET_SIZE);
    progress("starting the four services twice more, each a process of its own: with tracing and metrics, and with neither");
    const telemetry = await startTelemetryVariants(system.settings);
    stopTelemetry = telemetry.stop;
    const comparisons = [
      ...benchComparisons({
        gatewayUrl: system.gatewayUrl,
        baselineGatewayUrl: system.baselineGatewayUrl,
        neverSlidingGatewayUrl: system.neverSlidingGatewayUrl,
        slidingEveryRequestGatewayUrl: system.slidingEveryRequestGatewayUrl,
        identityUrl: system.identityUrl,
        settings: system.settings,
        ...users,
      }),
      junkBurstComparison(system.gatewayUrl),
      telemetryComparison(telemetry, users.single),
    ];
    const results: ComparisonResult[] = [];
    for (const [index, comparison] of comparisons.entries()) {
      progress(`measuring ${index + 1}/${comparisons.length}: ${comparison.title}`);
      results.push(await compare(comparison, plan, client, system.counters));
    }
    return `${heading(plan)}\n\n${formatReport(results)}\n\n(run took ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`;
  } finally {
    undoSignals();
    client.close();
    await stopTelemetry();
    await system.stop();
  }
}
