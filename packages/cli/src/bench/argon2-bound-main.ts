import { performance } from "node:perf_hooks";
import { hashSecret, verifySecret } from "@oa/identity";
import { BENCH_PASSWORD } from "./bench-records";

// The argon2id bound of the login comparison, a process of its own (argon2-bound.ts forks it):
// identity's own hashing, parameters included, with nothing else around it. Answers each
// { requests, concurrency } message with the batch's latencies and wall time.
interface Batch {
  requests: number;
  concurrency: number;
}

async function main(): Promise<void> {
  const hash = await hashSecret(BENCH_PASSWORD);
  if (!(await verifySecret(hash, BENCH_PASSWORD))) throw new Error("the benchmark password does not verify against its own hash");
  process.on("message", (batch: Batch) => {
    void verifyBatch(hash, batch).then((times) => process.send!(times));
  });
  process.send!({ ready: true });
}

async function verifyBatch(hash: string, { requests, concurrency }: Batch) {
  const latenciesMs: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      const started = performance.now();
      if (!(await verifySecret(hash, BENCH_PASSWORD))) throw new Error("a verification failed");
      latenciesMs.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  return { latenciesMs, elapsedMs: performance.now() - started };
}

process.on("disconnect", () => process.exit(0));
main().catch((error: unknown) => {
  process.stderr.write(`argon2 bound: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
