import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { RemoteGraphQLDataSource } from "@apollo/gateway";
// node-fetch 2 is what @apollo/gateway itself ships and uses; unlike the global fetch it takes an `agent`.
import fetch from "node-fetch";

/** The fetch function a RemoteGraphQLDataSource calls. */
export type SubgraphFetcher = RemoteGraphQLDataSource["fetcher"];

export interface SubgraphFetchOptions {
  /** Most sockets open to one subgraph at once; further fetches queue. */
  maxSockets?: number;
  /** How long an idle pooled socket is kept; below the subgraphs' keep-alive timeout (65 s). */
  idleTimeoutMs?: number;
  /** Longest a subgraph fetch may take, response body included. */
  requestTimeoutMs?: number;
}

/** A fetcher and the pool behind it; `destroy()` closes the pooled sockets. */
export interface SubgraphFetch {
  fetcher: SubgraphFetcher;
  destroy(): void;
}

/**
 * Fetches to the subgraphs over a bounded pool of keep-alive sockets, so a gateway request costs
 * no TCP handshake, and an idle socket is dropped by the gateway before the subgraph would close
 * it under a request ('socket hang up').
 */
export function createSubgraphFetch(options: SubgraphFetchOptions = {}): SubgraphFetch {
  const maxSockets = options.maxSockets ?? 64;
  const agentOptions = {
    keepAlive: true,
    keepAliveMsecs: 1_000,
    maxSockets,
    maxFreeSockets: maxSockets,
    // On a pooled socket this is the idle timeout: Node's agent destroys a free socket that times out.
    timeout: options.idleTimeoutMs ?? 30_000,
  };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;

  const fetcher: SubgraphFetcher = (url, init) =>
    fetch(url, {
      ...init,
      agent: (parsed) => (parsed.protocol === "https:" ? https : http),
      timeout: requestTimeoutMs,
      redirect: "error",
    });

  return {
    fetcher,
    destroy() {
      http.destroy();
      https.destroy();
    },
  };
}
