import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
// The enum is not re-exported from the package's index.
import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import { context as otelContext, propagation } from "@opentelemetry/api";
import {
  type CredentialClaims,
  currentRequest,
  GATEWAY_CREDENTIAL_HEADER,
  type Logger,
  REQUEST_ID_HEADER,
  SESSION_HANDOVER_EXTENSION,
  type SessionHandover,
  serviceUnavailable,
  signGatewayCredential,
} from "@oa/platform";
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

type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["didReceiveResponse"]>>[0];

/** The one subgraph that opens and ends sessions: only its handover is taken, and only it sees the device cookie. */
export const SESSION_SUBGRAPH = "identity";

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
    // The device cookie goes to identity's mutations only (its login reads it), never elsewhere.
    const deviceCookie = incoming ? options.context.deviceCookie : null;
    if (deviceCookie && this.name === SESSION_SUBGRAPH && /^\s*mutation\b/.test(options.request.query ?? "")) claims.deviceCookie = deviceCookie;
    headers.set(CLAIMS_HEADER, JSON.stringify(claims));
  }

  /**
   * Takes identity's session handover out of its answer into the request's context (the cookies
   * are set from there); no subgraph's handover ever stays in an answer, and only identity's counts.
   */
  override didReceiveResponse({ response, context }: ReceivedResponse): ReceivedResponse["response"] {
    const handover = response.extensions?.[SESSION_HANDOVER_EXTENSION] as SessionHandover | undefined;
    if (handover === undefined) return response;
    delete response.extensions![SESSION_HANDOVER_EXTENSION];
    if (this.name === SESSION_SUBGRAPH && context.handover) {
      if (handover.session) context.handover.session = handover.session;
      if (handover.device) context.handover.device = handover.device;
      if (handover.endedCurrent) context.handover.endedCurrent = true;
    } else {
      this.logger.warn("a session handover from a subgraph that does not open sessions was dropped", { subgraph: this.name });
    }
    return response;
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status: number }): void {
    currentRequest()?.metrics?.dependencyFailed(this.name);
    this.logger.error("subgraph fetch failed", {
      subgraph: this.name,
      status: response?.status,
      detail: error.message,
    });
    throw serviceUnavailable();
  }
}

/**
 * The fetcher, signing each fetch for exactly the request it sends: subgraph, method, path and
 * body. The fetch also carries the client request's id and, when tracing, its trace context.
 */
function signingFetcher(options: SubgraphDataSourceOptions): SubgraphFetcher {
  return (url, init) => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const claims = headers[CLAIMS_HEADER];
    delete headers[CLAIMS_HEADER];
    const scope = currentRequest();
    if (scope) headers[REQUEST_ID_HEADER] = scope.requestId;
    // W3C traceparent of the gateway's fetch span (the HTTP client span, when traced, takes over).
    propagation.inject(otelContext.active(), headers);
    const parsed = new URL(url);
    headers[GATEWAY_CREDENTIAL_HEADER] = signGatewayCredential(
      options.gatewaySecret,
      claims ? (JSON.parse(claims) as CredentialClaims) : { caller: "gateway", session: null, clientIp: null, purpose: null },
      { audience: options.name, method: init?.method ?? "GET", path: parsed.pathname + parsed.search, body: typeof init?.body === "string" ? init.body : "" },
    );
    return options.fetcher(url, { ...init, headers });
  };
}
