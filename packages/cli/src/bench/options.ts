import { parseArgs } from "node:util";
import type { BenchPlan } from "./compare";

/** What a run measures: the in-process comparisons, the gateways side by side, the logins against argon2id. */
export const SECTIONS = ["comparisons", "peers", "login"] as const;
export type BenchSection = (typeof SECTIONS)[number];

/** A whole run: how much to measure, what, and the optional soak and profiles. */
export interface BenchRun extends BenchPlan {
  /** Connections of the peer comparison; the first is also the logins' and the soak's. */
  connections: number[];
  sections: BenchSection[];
  /** Length of the Snapshot soak at the end, in ms; null: no soak. */
  soakMs: number | null;
  /** Where the production processes write their CPU profiles (node --cpu-prof); null: not profiled. */
  cpuProfDir: string | null;
}

/** The defaults keep a run to a few minutes on a 2-core machine. */
export const DEFAULT_PLAN: BenchPlan = { requests: 2_000, concurrency: 20, warmup: 200, rounds: 4 };
export const DEFAULT_RUN: BenchRun = { ...DEFAULT_PLAN, connections: [16, 64], sections: [...SECTIONS], soakMs: null, cpuProfDir: null };

export const BENCH_USAGE = `usage: npm run bench [-- --requests N --concurrency N --warmup N --rounds N --connections N,N
                        --only ${SECTIONS.join(",")} --soak 10m --cpu-prof DIR]
  Starts the system against a fresh database on the test PostgreSQL (TEST_DATABASE_URL) and the
  test Redis (TEST_REDIS_URL), and prints ratios against baselines measured in the same run.
  --requests     measured requests per variant (default ${DEFAULT_PLAN.requests}; the logins a fifth of it)
  --concurrency  requests in flight at once in the in-process comparisons (default ${DEFAULT_PLAN.concurrency})
  --warmup       unmeasured requests per variant first (default ${DEFAULT_PLAN.warmup})
  --rounds       alternating batches per variant (default ${DEFAULT_PLAN.rounds})
  --connections  connections of the gateways' comparison (default ${DEFAULT_RUN.connections.join(",")}); the first is the logins' and the soak's
  --only         the sections to run, of ${SECTIONS.join(", ")} (default all)
  --soak         also a Snapshot soak of this length at the end (e.g. 10m, 90s), with each service's memory
  --cpu-prof     profile the production processes (node --cpu-prof) into DIR, and summarise the profiles`;

export class BenchUsageError extends Error {}

function whole(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new BenchUsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** A length such as "10m", "90s" or "600" (seconds), in ms. */
export function parseDuration(name: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(raw.trim());
  const ms = match ? Number(match[1]) * (match[2] === "m" ? 60_000 : 1_000) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 1_000 || ms > 24 * 3_600_000) throw new BenchUsageError(`--${name} must be a length from 1s to 1440m such as 10m or 90s, got "${raw}"`);
  return ms;
}

function connectionCounts(raw: string | undefined): number[] {
  if (raw === undefined) return DEFAULT_RUN.connections;
  return raw.split(",").map((part) => whole("connections", part.trim(), 0, 1, 1_000));
}

function sections(raw: string | undefined): BenchSection[] {
  if (raw === undefined) return DEFAULT_RUN.sections;
  const named = raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  for (const name of named) if (!(SECTIONS as readonly string[]).includes(name)) throw new BenchUsageError(`--only takes ${SECTIONS.join(", ")}, got "${name}"`);
  return SECTIONS.filter((section) => named.includes(section));
}

/** The flags as given; a flag it does not know, or one without its value, is a usage error. */
function parseBenchOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        requests: { type: "string" },
        concurrency: { type: "string" },
        warmup: { type: "string" },
        rounds: { type: "string" },
        connections: { type: "string" },
        only: { type: "string" },
        soak: { type: "string" },
        "cpu-prof": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The run from the command line; null when help was asked for. */
export function parseBenchArgs(args: string[]): BenchRun | null {
  const parsed = parseBenchOptions(args);
  if (parsed.help) return null;
  return {
    requests: whole("requests", parsed.requests, DEFAULT_PLAN.requests, 1, 1_000_000),
    concurrency: whole("concurrency", parsed.concurrency, DEFAULT_PLAN.concurrency, 1, 1_000),
    warmup: whole("warmup", parsed.warmup, DEFAULT_PLAN.warmup, 0, 1_000_000),
    rounds: whole("rounds", parsed.rounds, DEFAULT_PLAN.rounds, 1, 100),
    connections: connectionCounts(parsed.connections),
    sections: sections(parsed.only),
    soakMs: parsed.soak === undefined ? null : parseDuration("soak", parsed.soak),
    cpuProfDir: parsed["cpu-prof"] ?? null,
  };
}
