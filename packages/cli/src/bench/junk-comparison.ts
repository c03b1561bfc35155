import type { Comparison } from "./compare";
import { contractOperation } from "../contract-operations";
import { graphqlData, type HttpAnswer } from "./http-client";
import { junkDocuments, startJunkFlood } from "./junk-flood";
import type { Workload } from "./load";
import { formatRatio } from "./report";
import { ratio } from "./stats";

/** Clients sending junk at once, as in the report of the CPU starvation (issue 5, finding 8). */
export const JUNK_CLIENTS = 40;

/** The contract's SecurityQuestionCatalog: a one-line query any visitor sends, no session needed. */
function catalogWorkload(gatewayUrl: string): Workload {
  return {
    url: gatewayUrl,
    body: JSON.stringify({ query: contractOperation("SecurityQuestionCatalog"), operationName: "SecurityQuestionCatalog" }),
    headers: () => ({ "content-type": "application/json" }),
    check(answer: HttpAnswer) {
      const { securityQuestionCatalog } = graphqlData<{ securityQuestionCatalog: unknown[] }>(answer);
      if (securityQuestionCatalog.length === 0) throw new Error("SecurityQuestionCatalog answered no questions");
    },
  };
}

/**
 * A trivial query while JUNK_CLIENTS clients (another process) send 90 KB and 30 KB invalid
 * documents without pause, against the same query with the gateway idle: what a burst of junk
 * costs everyone else. Every junk document must be refused (400 or 413).
 */
export function junkBurstComparison(gatewayUrl: string): Comparison {
  const junk = [...junkDocuments(90 * 1024), ...junkDocuments(30 * 1024)];
  return {
    title: `SecurityQuestionCatalog: while ${JUNK_CLIENTS} clients send 30-90 KB junk documents vs idle`,
    subject: {
      label: "during the junk burst",
      workload: catalogWorkload(gatewayUrl),
      beside: async () => {
        const flood = await startJunkFlood(gatewayUrl, JUNK_CLIENTS, junk);
        return {
          async stop() {
            const { statuses } = await flood.stop();
            const unexpected = Object.keys(statuses).filter((status) => status !== "400" && status !== "413");
            if (unexpected.length > 0) throw new Error(`junk answered with ${unexpected.join(", ")}: ${JSON.stringify(statuses)}`);
          },
        };
      },
    },
    baseline: { label: "idle", workload: catalogWorkload(gatewayUrl) },
    summary: (busy, idle) =>
      `While ${JUNK_CLIENTS} clients send junk, the query takes ${formatRatio(ratio(busy.p50Ms, idle.p50Ms))}x its idle median latency ` +
      `(${busy.p50Ms.toFixed(2)} vs ${idle.p50Ms.toFixed(2)} ms) and the gateway serves ${formatRatio(ratio(busy.requestsPerSecond, idle.requestsPerSecond))}x its idle requests/s.`,
  };
}
