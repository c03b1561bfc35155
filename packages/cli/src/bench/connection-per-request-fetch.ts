import type { SubgraphFetcher } from "@oa/gateway";
import { PooledHttp } from "@oa/platform";

/**
 * The baseline for the keep-alive pool: a subgraph fetcher that opens a new TCP connection for
 * every fetch and closes it after the response (`Connection: close`), with the same client the
 * gateway's pool uses (undici), so only the connection handling differs. `close` ends its client.
 */
export function connectionPerRequestFetcher(): { fetcher: SubgraphFetcher; close(): Promise<void> } {
  const http = new PooledHttp();
  return { fetcher: (url, headers, body) => http.post(url, headers, body, { closeConnection: true }), close: () => http.close() };
}
