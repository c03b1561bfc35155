import { performance } from "node:perf_hooks";
import { type BenchUser, snapshotWorkload } from "./comparisons";
import { HttpClient } from "./http-client";
import { runBatch } from "./load";
import { residentBytes } from "./process-usage";

/** Goal 3: over the second half of the soak, each service's resident memory moves by at most this, either way. */
export const SOAK_SLOPE_GOAL_MIB_PER_MIN = 1;

const MIB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5_000;
/** Requests per batch of one user's load: small, so the soak ends close to its deadline. */
const BATCH = 200;

export interface MemorySample {
  atMs: number;
  rssBytes: number;
}

export interface ServiceMemory {
  name: string;
  samples: MemorySample[];
  /** Least-squares slope of the second half's samples, MiB per minute. */
  slopeMiBPerMinute: number;
}

export interface SoakResult {
  durationMs: number;
  connections: number;
  users: BenchUser[];
  requests: number;
  services: ServiceMemory[];
}

/** Least-squares slope of `samples` (rss over time), in MiB per minute; 0 for fewer than two. */
export function slopeMiBPerMinute(samples: MemorySample[]): number {
  if (samples.length < 2) return 0;
  const meanX = samples.reduce((sum, s) => sum + s.atMs, 0) / samples.length;
  const meanY = samples.reduce((sum, s) => sum + s.rssBytes, 0) / samples.length;
  let covariance = 0;
  let variance = 0;
  for (const sample of samples) {
    covariance += (sample.atMs - meanX) * (sample.rssBytes - meanY);
    variance += (sample.atMs - meanX) ** 2;
  }
  return variance === 0 ? 0 : ((covariance / variance) * 60_000) / MIB;
}

/**
 * The Snapshot of each of `users` through the gateway without pause for `durationMs`, the
 * connections shared among them, while every service's resident memory is sampled every 5 s.
 */
export async function runSoak(
  gatewayUrl: string,
  pids: Record<string, number>,
  users: BenchUser[],
  durationMs: number,
  connections: number,
  progress: (line: string) => void,
): Promise<SoakResult> {
  const client = new HttpClient(connections);
  const samples = new Map(Object.keys(pids).map((name) => [name, [] as MemorySample[]]));
  const started = performance.now();
  const sample = () => {
    const atMs = performance.now() - started;
    for (const [name, pid] of Object.entries(pids)) {
      const rssBytes = residentBytes(pid);
      if (rssBytes !== null) samples.get(name)!.push({ atMs, rssBytes });
    }
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  const reporter = setInterval(() => progress(`soak: ${((performance.now() - started) / 60_000).toFixed(1)} of ${(durationMs / 60_000).toFixed(1)} min`), 60_000);
  let requests = 0;
  try {
    const perUser = Math.max(1, Math.floor(connections / users.length));
    await Promise.all(
      users.map(async (user) => {
        const workload = snapshotWorkload(gatewayUrl, user);
        while (performance.now() - started < durationMs) {
          // Read after the await: `requests += await ...` would add to a stale total.
          const { latenciesMs } = await runBatch(client, workload, BATCH, perUser);
          requests += latenciesMs.length;
        }
      }),
    );
  } finally {
    clearInterval(sampler);
    clearInterval(reporter);
    client.close();
  }
  sample();
  const elapsed = performance.now() - started;
  return {
    durationMs: elapsed,
    connections,
    users,
    requests,
    services: [...samples].map(([name, taken]) => ({ name, samples: taken, slopeMiBPerMinute: slopeMiBPerMinute(taken.filter((s) => s.atMs >= elapsed / 2)) })),
  };
}

const mib = (bytes: number) => (bytes / MIB).toFixed(1);

/** The soak's table: each service's memory at the start, the end, its peak and its second-half slope, then the goal. */
export function formatSoakReport(result: SoakResult): string {
  const minutes = result.durationMs / 60_000;
  const header = ["", "RSS start MiB", "end MiB", "peak MiB", "2nd-half slope MiB/min"];
  const rows = result.services.map((service) => {
    const rss = service.samples.map((s) => s.rssBytes);
    return [`   ${service.name}`, mib(rss[0] ?? 0), mib(rss[rss.length - 1] ?? 0), mib(Math.max(...rss)), service.slopeMiBPerMinute.toFixed(2)];
  });
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[i]))).join("  ");
  const outside = result.services.filter((s) => Math.abs(s.slopeMiBPerMinute) > SOAK_SLOPE_GOAL_MIB_PER_MIN);
  // The shape behind each slope: the sample nearest each whole minute.
  const byMinute = result.services.map((service) => {
    const marks = Array.from({ length: Math.floor(minutes) + 1 }, (_, minute) => {
      if (service.samples.length === 0) return "-";
      const nearest = service.samples.reduce((best, s) => (Math.abs(s.atMs - minute * 60_000) < Math.abs(best.atMs - minute * 60_000) ? s : best));
      return mib(nearest.rssBytes);
    });
    return `   ${service.name.padEnd(widths[0] - 3)}  ${marks.join(" ")}`;
  });
  const users = result.users.map((user) => user.vehicleAccounts).join(" and ");
  return [
    `Snapshot soak through the gateway: ${minutes.toFixed(1)} min at ${result.connections} connections (users with ${users} vehicle accounts), ` +
      `${result.requests.toLocaleString("en-US")} requests, ${((result.requests * 1000) / result.durationMs).toFixed(1)} req/s; resident memory sampled every ${SAMPLE_EVERY_MS / 1000} s.`,
    line(header),
    ...rows.map(line),
    "RSS MiB at each whole minute:",
    ...byMinute,
    `Goal: second-half slope within ±${SOAK_SLOPE_GOAL_MIB_PER_MIN.toFixed(2)} MiB/min for every service: ` +
      (outside.length === 0 ? "met" : `NOT met (${outside.map((s) => `${s.name} ${s.slopeMiBPerMinute.toFixed(2)}`).join(", ")})`),
  ].join("\n");
}
