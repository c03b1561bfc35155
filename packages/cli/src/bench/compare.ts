import type { BenchCounters } from "./bench-system";
import type { HttpClient } from "./http-client";
import { runBatch, type Workload } from "./load";
import { emptySamples, type Samples, summarise, type VariantStats } from "./stats";

/** How much to measure; the same for every variant. */
export interface BenchPlan {
  /** Measured requests per variant. */
  requests: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Unmeasured requests per variant first (sockets, plan caches, JIT). */
  warmup: number;
  /** Batches per variant, the two variants alternating, so drift during the run hits both. */
  rounds: number;
}

export interface Variant {
  label: string;
  workload: Workload;
  /** Load that runs beside this variant's measured batches (a junk flood): started before each batch, stopped after. */
  beside?: () => Promise<BesideLoad>;
  /** Served by processes of their own: their SQL statements and connections are not counted here. */
  uncounted?: boolean;
}

/** A load running beside a batch; `stop` throws when it went wrong (its answers are checked too). */
export interface BesideLoad {
  stop(): Promise<void>;
}

/** Two variants measured in the same run; ratios are subject ÷ baseline. */
export interface Comparison {
  title: string;
  subject: Variant;
  baseline: Variant;
  /** One sentence reading the ratios. */
  summary: (subject: VariantStats, baseline: VariantStats) => string;
}

export interface ComparisonResult {
  comparison: Comparison;
  subject: VariantStats;
  baseline: VariantStats;
}

/** `total` split into `parts` batches as even as whole numbers allow. */
export function batchSizes(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0)).filter((size) => size > 0);
}

/** Warms both variants up, then measures them in alternating batches (A B, B A, ...). */
export async function compare(comparison: Comparison, plan: BenchPlan, client: HttpClient, counters: BenchCounters): Promise<ComparisonResult> {
  const { subject, baseline } = comparison;
  for (const variant of [baseline, subject]) await runBatch(client, variant.workload, plan.warmup, plan.concurrency);

  const samples = new Map<Variant, Samples>([
    [subject, emptySamples()],
    [baseline, emptySamples()],
  ]);
  const sizes = batchSizes(plan.requests, plan.rounds);
  for (const [round, size] of sizes.entries()) {
    for (const variant of round % 2 === 0 ? [subject, baseline] : [baseline, subject]) {
      counters.statements = 0;
      counters.subgraphConnections = 0;
      const beside = await variant.beside?.();
      let times: Awaited<ReturnType<typeof runBatch>>;
      try {
        times = await runBatch(client, variant.workload, size, plan.concurrency);
      } finally {
        await beside?.stop();
      }
      const into = samples.get(variant)!;
      into.latenciesMs.push(...times.latenciesMs);
      into.elapsedMs += times.elapsedMs;
      into.statements += counters.statements;
      into.subgraphConnections += counters.subgraphConnections;
    }
  }
  return { comparison, subject: summarise(samples.get(subject)!), baseline: summarise(samples.get(baseline)!) };
}
