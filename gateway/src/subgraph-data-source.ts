import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
// The enum is not re-exported from the package's index.
import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import { GATEWAY_CREDENTIAL_HEADER, type Logger, serviceUnavailable, signGatewayCredential } from "@oa/platform";
import type { GatewayContext } from "./context";
import type { SubgraphFetcher } from "./subgraph-fetch";

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  gatewaySecret: string;
  fetcher: SubgraphFetcher;
  logger: Logger;
}

/**
 * Sends the query plan's fetches to one subgraph. Each carries only the gateway's signed
 * credential (the verified session and client address), never a header the client sent; a
 * subgraph that cannot be reached or answers with an HTTP error becomes SERVICE_UNAVAILABLE.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly name: string;
  private readonly secret: string;
  private readonly logger: Logger;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: options.fetcher });
    this.name = options.name;
    this.secret = options.gatewaySecret;
    this.logger = options.logger;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http!.headers;
    for (const name of Array.from(headers, ([header]) => header)) {
      if (name.toLowerCase() !== "content-type") headers.delete(name);
    }
    const credential =
      options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION
        ? options.context.credential()
        : signGatewayCredential(this.secret, { caller: "gateway", session: null, clientIp: null });
    headers.set(GATEWAY_CREDENTIAL_HEADER, credential);
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status: number }): void {
    this.logger.error("subgraph fetch failed", {
      subgraph: this.name,
      status: response?.status,
      detail: error.message,
    });
    throw serviceUnavailable();
  }
}
