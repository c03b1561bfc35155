import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
// The enum is not re-exported from the package's index.
import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import { type CredentialClaims, GATEWAY_CREDENTIAL_HEADER, type Logger, serviceUnavailable, signGatewayCredential } from "@oa/platform";
import type { GatewayContext } from "./context";
import type { SubgraphFetcher } from "./subgraph-fetch";

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph: the audience of its credentials. */
  name: string;
  url: string;
  gatewaySecret: string;
  fetcher: SubgraphFetcher;
  logger: Logger;
}

// Carries a fetch's claims from willSendRequest (which knows the request's context) to the
// fetcher (which alone sees the exact body); the fetcher always replaces it with the credential.
const CLAIMS_HEADER = "x-oa-gateway-claims";

/**
 * Sends the query plan's fetches to one subgraph. Each fetch carries only a credential of its own,
 * signed for this subgraph and its exact body (with the verified session and client address),
 * never a header the client sent; a subgraph that cannot be reached or answers with an HTTP error
 * becomes SERVICE_UNAVAILABLE.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly name: string;
  private readonly logger: Logger;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: signingFetcher(options) });
    this.name = options.name;
    this.logger = options.logger;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http!.headers;
    for (const name of Array.from(headers, ([header]) => header)) {
      if (name.toLowerCase() !== "content-type") headers.delete(name);
    }
    const incoming = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION;
    const claims: CredentialClaims = {
      caller: "gateway",
      session: incoming ? options.context.session : null,
      clientIp: incoming ? options.context.clientIp : null,
      purpose: null,
    };
    headers.set(CLAIMS_HEADER, JSON.stringify(claims));
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

/** The fetcher, signing each fetch for exactly the request it sends: subgraph, method, path and body. */
function signingFetcher(options: SubgraphDataSourceOptions): SubgraphFetcher {
  return (url, init) => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const claims = headers[CLAIMS_HEADER];
    delete headers[CLAIMS_HEADER];
    const parsed = new URL(url);
    headers[GATEWAY_CREDENTIAL_HEADER] = signGatewayCredential(
      options.gatewaySecret,
      claims ? (JSON.parse(claims) as CredentialClaims) : { caller: "gateway", session: null, clientIp: null, purpose: null },
      { audience: options.name, method: init?.method ?? "GET", path: parsed.pathname + parsed.search, body: typeof init?.body === "string" ? init.body : "" },
    );
    return options.fetcher(url, { ...init, headers });
  };
}
