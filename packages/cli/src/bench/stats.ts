/** Everything measured for one variant, over all its batches. */
export interface Samples {
  latenciesMs: number[];
  /** Wall time of its batches together. */
  elapsedMs: number;
  statements: number;
  subgraphConnections: number;
}

export interface VariantStats {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  statementsPerRequest: number;
  /** New TCP connections the subgraphs accepted, per request. */
  connectionsPerRequest: number;
}

export function emptySamples(): Samples {
  return { latenciesMs: [], elapsedMs: 0, statements: 0, subgraphConnections: 0 };
}

/** The nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(samples: Samples): VariantStats {
  const requests = samples.latenciesMs.length;
  return {
    requests,
    requestsPerSecond: samples.elapsedMs > 0 ? (requests * 1000) / samples.elapsedMs : Number.NaN,
    p50Ms: percentile(samples.latenciesMs, 50),
    p95Ms: percentile(samples.latenciesMs, 95),
    p99Ms: percentile(samples.latenciesMs, 99),
    statementsPerRequest: requests > 0 ? samples.statements / requests : Number.NaN,
    connectionsPerRequest: requests > 0 ? samples.subgraphConnections / requests : Number.NaN,
  };
}

/** subject ÷ baseline, or null when the baseline is zero (nothing to compare with). */
export function ratio(subject: number, baseline: number): number | null {
  if (!Number.isFinite(subject) || !Number.isFinite(baseline) || baseline === 0) return null;
  return subject / baseline;
}
