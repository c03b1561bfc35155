import { Agent } from "node:http";
import type { SubgraphFetcher } from "@oa/gateway";
// The same client the gateway's pool uses (node-fetch 2), so only the connection handling differs.
import fetch from "node-fetch";

/**
 * The baseline for the keep-alive pool: a subgraph fetcher that opens a new TCP connection for
 * every fetch and closes it after the response (`Connection: close`). Loopback http only.
 */
export function connectionPerRequestFetcher(): SubgraphFetcher {
  const agent = new Agent({ keepAlive: false });
  return (url, init) => fetch(url, { ...init, agent, timeout: 15_000, redirect: "error" });
}
