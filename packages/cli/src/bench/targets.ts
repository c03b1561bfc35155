import type { HttpClient } from "./http-client";
import { type BatchTimes, runBatch, type Workload } from "./load";
import { cpuTimeMs, mainThreadCpuTimeMs } from "./process-usage";
import { batchSizes } from "./compare";
import { emptySamples, summarise, type VariantStats } from "./stats";

/** One of several things measured side by side under the same load (a gateway, a peer, argon2 alone). */
export interface Target {
  label: string;
  /** Sends `requests` requests (or does that many units of work) with `concurrency` in flight. */
  run(requests: number, concurrency: number): Promise<BatchTimes>;
  /** The processes whose CPU time counts per request (the gateway or peer itself); none: not shown. */
  pids: number[];
}

export interface TargetStats extends VariantStats {
  /** CPU time of the target's processes per request, in ms; null when not measured. */
  cpuMsPerRequest: number | null;
  /** The same, of their main threads alone (the JavaScript; not libuv's pool where argon2 hashes). */
  mainThreadCpuMsPerRequest: number | null;
}

/** How much to measure per target; the same for every target. */
export interface TargetPlan {
  requests: number;
  warmup: number;
  /** Batches per target; each round the order turns, so drift during the run hits every target alike. */
  rounds: number;
}

/** A target that sends one workload over HTTP. */
export function httpTarget(label: string, client: HttpClient, workload: Workload, pids: number[] = []): Target {
  return { label, pids, run: (requests, concurrency) => runBatch(client, workload, requests, concurrency) };
}

function totalCpuMs(pids: number[], of: (pid: number) => number | null = cpuTimeMs): number | null {
  let total = 0;
  for (const pid of pids) {
    const used = of(pid);
    if (used === null) return null;
    total += used;
  }
  return pids.length > 0 ? total : null;
}

/** `items` turned left by `by` places. */
function rotated<T>(items: T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Warms every target up, then measures them in rounds under the same `concurrency`: each round
 * runs one batch per target, in an order turned by one each round. Answers in the targets' order.
 */
export async function measureTargets(targets: Target[], plan: TargetPlan, concurrency: number): Promise<TargetStats[]> {
  for (const target of targets) if (plan.warmup > 0) await target.run(plan.warmup, concurrency);
  const samples = targets.map(() => ({ ...emptySamples(), cpuMs: 0 as number | null, mainThreadCpuMs: 0 as number | null }));
  const added = (sum: number | null, before: number | null, after: number | null) => (sum === null || before === null || after === null ? null : sum + (after - before));
  for (const [round, size] of batchSizes(plan.requests, plan.rounds).entries()) {
    for (const target of rotated(targets, round)) {
      const into = samples[targets.indexOf(target)];
      const cpuBefore = totalCpuMs(target.pids);
      const mainBefore = totalCpuMs(target.pids, mainThreadCpuTimeMs);
      const times = await target.run(size, concurrency);
      into.cpuMs = added(into.cpuMs, cpuBefore, totalCpuMs(target.pids));
      into.mainThreadCpuMs = added(into.mainThreadCpuMs, mainBefore, totalCpuMs(target.pids, mainThreadCpuTimeMs));
      into.latenciesMs.push(...times.latenciesMs);
      into.elapsedMs += times.elapsedMs;
    }
  }
  return samples.map((sample) => {
    const stats = summarise(sample);
    const perRequest = (ms: number | null) => (ms === null || stats.requests === 0 ? null : ms / stats.requests);
    return { ...stats, cpuMsPerRequest: perRequest(sample.cpuMs), mainThreadCpuMsPerRequest: perRequest(sample.mainThreadCpuMs) };
  });
}
