import type { ReadinessChecks, RedisClient } from "@oa/platform";
import type { SubgraphRoute } from "./supergraph";

// Below the 2 s that the HTTP service waits for each check, so no request is left hanging.
const SUBGRAPH_READY_TIMEOUT_MS = 1_500;

/** The `/readyz` address of a subgraph, from its GraphQL URL (`.../graphql` → `.../readyz`). */
export function readinessUrlOf(graphqlUrl: string): string {
  return new URL("readyz", graphqlUrl.replace(/\/+$/, "")).toString();
}

/** The gateway is ready when Redis answers and every subgraph says it is ready (200 on /readyz). */
export function gatewayReadiness(redis: RedisClient, subgraphs: readonly SubgraphRoute[]): ReadinessChecks {
  const checks: ReadinessChecks = { redis: () => redis.ping() };
  for (const subgraph of subgraphs) {
    const url = readinessUrlOf(subgraph.url);
    checks[subgraph.name] = async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(SUBGRAPH_READY_TIMEOUT_MS) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${subgraph.name} answered ${response.status}`);
    };
  }
  return checks;
}
