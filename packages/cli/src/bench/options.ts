import { parseArgs } from "node:util";
import type { BenchPlan } from "./compare";

/** The defaults keep a run under a minute on a 2-core machine. */
export const DEFAULT_PLAN: BenchPlan = { requests: 2_000, concurrency: 20, warmup: 200, rounds: 4 };

export const BENCH_USAGE = `usage: npm run bench [-- --requests N --concurrency N --warmup N --rounds N]
  Starts the gateway and the three subgraphs in this process against a fresh database on the test
  PostgreSQL (TEST_DATABASE_URL) and the test Redis (TEST_REDIS_URL), and prints ratios against
  baselines measured in the same run.
  --requests     measured requests per variant (default ${DEFAULT_PLAN.requests})
  --concurrency  requests in flight at once (default ${DEFAULT_PLAN.concurrency})
  --warmup       unmeasured requests per variant first (default ${DEFAULT_PLAN.warmup})
  --rounds       alternating batches per variant (default ${DEFAULT_PLAN.rounds})`;

export class BenchUsageError extends Error {}

function whole(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new BenchUsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** The plan from the command line; null when help was asked for. */
export function parseBenchArgs(args: string[]): BenchPlan | null {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        requests: { type: "string" },
        concurrency: { type: "string" },
        warmup: { type: "string" },
        rounds: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.help) return null;
  return {
    requests: whole("requests", parsed.requests, DEFAULT_PLAN.requests, 1, 1_000_000),
    concurrency: whole("concurrency", parsed.concurrency, DEFAULT_PLAN.concurrency, 1, 1_000),
    warmup: whole("warmup", parsed.warmup, DEFAULT_PLAN.warmup, 0, 1_000_000),
    rounds: whole("rounds", parsed.rounds, DEFAULT_PLAN.rounds, 1, 100),
  };
}
