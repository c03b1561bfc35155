import { type PooledAnswer, PooledHttp, type PooledHttpOptions } from "@oa/platform";

/** Sends one subgraph fetch: a POST of `body` with `headers` to `url`, answered as read. */
export type SubgraphFetcher = (url: string, headers: Record<string, string>, body: string) => Promise<PooledAnswer>;

/** A fetcher and the pool behind it; `destroy()` closes the pooled sockets. */
export interface SubgraphFetch {
  fetcher: SubgraphFetcher;
  destroy(): Promise<void>;
}

/**
 * Fetches to the subgraphs over bounded pools of keep-alive sockets (undici, 64 per subgraph), so a
 * gateway request costs no TCP handshake, and an idle socket is dropped by the gateway (after 30 s)
 * before the subgraph would close it under a request (65 s): no 'socket hang up'.
 */
export function createSubgraphFetch(options: PooledHttpOptions = {}): SubgraphFetch {
  const http = new PooledHttp(options);
  return {
    fetcher: (url, headers, body) => http.post(url, headers, body),
    destroy: () => http.close(),
  };
}
