import { BENCH_USAGE, BenchUsageError, parseBenchArgs } from "./bench/options";
import { runBench } from "./bench/run-bench";

// `npm run bench`: ratios against baselines measured in the same run (docs/benchmarks.md).
async function main(): Promise<number> {
  const plan = parseBenchArgs(process.argv.slice(2));
  if (plan === null) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  process.stdout.write(`${await runBench(plan)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bench: ${message}\n`);
    if (error instanceof BenchUsageError) process.stderr.write(`${BENCH_USAGE}\n`);
    else if (/ECONNREFUSED|ENOTFOUND|password authentication|does not answer/.test(message)) {
      process.stderr.write("bench: it needs the test PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL; by default on 127.0.0.1).\n");
    }
    process.exit(1);
  },
);
