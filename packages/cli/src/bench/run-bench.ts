import { mkdirSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { TEST_POSTGRES_URL, TEST_REDIS_URL } from "@oa/platform/testing";
import { redactUrl } from "../redact-url";
import { type Argon2Bound, startArgon2Bound } from "./argon2-bound";
import { startBenchSystem } from "./bench-system";
import { setUpBenchUsers } from "./bench-users";
import { compare, type ComparisonResult } from "./compare";
import { benchComparisons } from "./comparisons";
import { junkBurstComparison } from "./junk-comparison";
import { startTelemetryVariants, telemetryComparison } from "./telemetry-comparison";
import { HttpClient } from "./http-client";
import { measureLogins } from "./login-comparison";
import type { BenchRun } from "./options";
import { measurePeers } from "./peer-comparison";
import { formatLoginReport, formatPeerReport } from "./peer-report";
import { type ProductionTargets, newBenchSecrets, startProductionTargets } from "./production-targets";
import { summariseProfiles } from "./profile-summary";
import { formatReport } from "./report";
import { formatSoakReport, runSoak } from "./soak";

/** Vehicle accounts and remembered devices of the larger Snapshot. */
const FLEET_SIZE = 30;
const FLEET_DEVICES = 3;

const count = (n: number) => n.toLocaleString("en-US");

/** Where progress goes by default: stderr, so stdout holds the report alone. */
function toStderr(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

function heading(run: BenchRun): string {
  return (
    `Online Access benchmark: ${cpus().length} cores, Node ${process.version}; PostgreSQL, Redis and the load-generating client on the same machine.\n` +
    `Sections: ${run.sections.join(", ")}${run.soakMs ? `, soak` : ""}. ${count(run.requests)} measured requests per variant after ${count(run.warmup)} warm-up, ` +
    `in ${run.rounds} rounds taking turns. Ratios are subject ÷ baseline, both measured in this run.`
  );
}

/** Ctrl-C or SIGTERM mid-run still stops every process, drops the database and the Redis keys; returns the undo. */
function stopOnSignals(stop: () => Promise<void>, progress: (line: string) => void): () => void {
  const interrupted = () => {
    progress("interrupted: stopping and dropping the database");
    void stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  return () => {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  };
}

/** Starts the system, sets up the users, measures the sections asked for, stops; returns the report. */
export async function runBench(run: BenchRun, progress: (line: string) => void = toStderr): Promise<string> {
  const startedAt = Date.now();
  const secrets = newBenchSecrets();
  const wants = (section: BenchRun["sections"][number]) => run.sections.includes(section);
  progress(`starting the gateway and the three subgraphs (PostgreSQL ${redactUrl(TEST_POSTGRES_URL)}, Redis ${redactUrl(TEST_REDIS_URL)})`);
  const system = await startBenchSystem(secrets);
  // Undone last first: the processes, then the system (which drops the database).
  const cleanups: (() => Promise<unknown>)[] = [() => system.stop()];
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    })());
  const undoSignals = stopOnSignals(stopAll, progress);
  const client = new HttpClient(run.concurrency);
  const sections: string[] = [];
  try {
    // As many people sign in as logins are in flight: no two tries of one person wait for each other.
    const loginUsers = wants("login") ? run.connections[0] : 0;
    progress(`importing generated customers (1 and ${FLEET_SIZE} vehicle accounts, ${loginUsers} who sign in), enrolling and signing them in`);
    const users = await setUpBenchUsers(system, client, { fleetAccounts: FLEET_SIZE, fleetDevices: FLEET_DEVICES, loginUsers });

    if (wants("comparisons")) {
      progress("starting the four services twice more, each a process of its own: with tracing and metrics, and with neither");
      const telemetry = await startTelemetryVariants(system.settings, secrets);
      cleanups.push(telemetry.stop);
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
        results.push(await compare(comparison, run, client, system.counters));
      }
      await telemetry.stop();
      sections.push(
        "The gateway and the subgraphs in this process (comparisons 1-6; 7: the four services as processes of their own, NODE_ENV=test), " +
          `${count(run.concurrency)} requests in flight:\n\n${formatReport(results)}`,
      );
    }

    if (wants("peers") || wants("login") || run.soakMs !== null) {
      const nodeFlags = run.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(run.cpuProfDir)}`] : [];
      if (run.cpuProfDir) mkdirSync(run.cpuProfDir, { recursive: true });
      progress("starting the four services with NODE_ENV=production, each a process of its own, then the floor and Hive Gateway (Rust and JS planners)");
      const production: ProductionTargets = await startProductionTargets(system.settings, secrets, { nodeFlags });
      cleanups.push(production.stop);
      const plan = { requests: run.requests, warmup: run.warmup, rounds: run.rounds };
      const [loginConnections] = run.connections;

      if (wants("peers")) {
        const cells = await measurePeers(production, [users.single, users.fleet], run.connections, plan, progress);
        sections.push(formatPeerReport(cells));
      }
      if (wants("login")) {
        progress(`measuring logins against argon2id alone at ${loginConnections} in flight`);
        const bound: Argon2Bound = await startArgon2Bound();
        cleanups.push(bound.stop);
        const loginPlan = { requests: Math.max(1, Math.round(run.requests / 5)), warmup: Math.round(run.warmup / 5), rounds: run.rounds };
        const { pids } = production.services;
        const results = await measureLogins(production.services.gatewayUrl, [pids.gateway, pids.identity, pids["device-trust"]], users.logins, bound, loginPlan, loginConnections);
        await bound.stop();
        sections.push(formatLoginReport(results));
      }
      if (run.soakMs !== null) {
        progress(`soaking: the Snapshot through the gateway for ${(run.soakMs / 60_000).toFixed(1)} min at ${loginConnections} connections`);
        const soak = await runSoak(production.services.gatewayUrl, production.services.pids, [users.single, users.fleet], run.soakMs, loginConnections, progress);
        sections.push(formatSoakReport(soak));
      }
      // Stopped here so that each process writes its profile as it exits.
      await production.stop();
      if (run.cpuProfDir) sections.push(summariseProfiles(run.cpuProfDir, production.pids));
    }
    return `${heading(run)}\n\n${sections.join("\n\n")}\n\n(run took ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`;
  } finally {
    undoSignals();
    client.close();
    await stopAll();
  }
}
