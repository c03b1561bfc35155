import { performance } from "node:perf_hooks";
import type { HttpAnswer, HttpClient } from "./http-client";

/** One kind of request, sent again and again. */
export interface Workload {
  url: string;
  /** The body, or a function giving each request's (a workload spread over several users). */
  body: string | (() => string);
  /** Called per request, so a signed credential is fresh each time. */
  headers: () => Record<string, string>;
  /** Throws when an answer is not the expected one: a benchmark of errors measures nothing. */
  check: (answer: HttpAnswer) => void;
}

/** What one batch took. */
export interface BatchTimes {
  latenciesMs: number[];
  elapsedMs: number;
}

/** Sends `requests` requests with `concurrency` in flight at all times (until the last ones). */
export async function runBatch(client: HttpClient, workload: Workload, requests: number, concurrency: number): Promise<BatchTimes> {
  const latenciesMs: number[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    try {
      while (!failed && next < requests) {
        next++;
        const started = performance.now();
        const body = typeof workload.body === "string" ? workload.body : workload.body();
        const answer = await client.post(workload.url, body, workload.headers());
        latenciesMs.push(performance.now() - started);
        workload.check(answer);
      }
    } catch (error) {
      failed = true; // the other workers stop after their request in flight
      throw error;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  return { latenciesMs, elapsedMs: performance.now() - started };
}
