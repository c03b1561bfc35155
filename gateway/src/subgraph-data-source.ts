import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
// The enum is not re-exported from the package's index.
import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import { context as otelContext, propagation } from "@opentelemetry/api";
import {
  type CredentialClaims,
  currentRequest,
  GATEWAY_CREDENTIAL_HEADER,
  type Logger,
  type PooledAnswer,
  REQUEST_ID_HEADER,
  SESSION_HANDOVER_EXTENSION,
  type SessionHandover,
  serviceUnavailable,
  signGatewayCredential,
} from "@oa/platform";
import type { GatewayContext } from "./context";
import type { SubgraphFetcher } from "./subgraph-fetch";

/** What a data source answers the gateway with: the subgraph's data, errors and extensions. */
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource["process"]>>;

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph: the audience of its credentials. */
  name: string;
  url: string;
  gatewaySecret: string;
  fetcher: SubgraphFetcher;
  logger: Logger;
}

/** The one subgraph that opens and ends sessions: only its handover is taken, and only it sees the device cookie. */
export const SESSION_SUBGRAPH = "identity";

/** A subgraph answered, but not with a GraphQL answer. */
class BadAnswer extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends the query plan's fetches to one subgraph. Each fetch carries only a credential of its own,
 * signed for this subgraph and its exact body (with the verified session and client address),
 * the client request's id and, when tracing, its trace context; never a header the client sent.
 * A subgraph that cannot be reached or answers with an HTTP error becomes SERVICE_UNAVAILABLE.
 *
 * Written against Apollo Gateway's data source interface itself rather than its
 * RemoteGraphQLDataSource: one object of claims per fetch, straight from the request's context to
 * the signature, and no WHATWG Headers, Request or Response per fetch (node-fetch).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly path: string;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    const parsed = new URL(options.url);
    this.path = parsed.pathname + parsed.search;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error("Missing query");
    const context = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context : null;
    const claims: CredentialClaims = { caller: "gateway", session: context?.session ?? null, clientIp: context?.clientIp ?? null, purpose: null };
    // The device cookie goes to identity's mutations only (its login reads it), never elsewhere.
    if (context?.deviceCookie && this.options.name === SESSION_SUBGRAPH && /^\s*mutation\b/.test(request.query)) claims.deviceCookie = context.deviceCookie;
    // As Apollo's own data source writes it.
    const body = JSON.stringify(
      request.extensions === undefined
        ? { query: request.query, variables: request.variables, operationName: request.operationName }
        : { query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions },
    );
    const headers: Record<string, string> = { "content-type": "application/json" };
    const scope = currentRequest();
    if (scope) headers[REQUEST_ID_HEADER] = scope.requestId;
    // W3C traceparent of Apollo Gateway's fetch span (a no-op when tracing is off).
    propagation.inject(otelContext.active(), headers);
    headers[GATEWAY_CREDENTIAL_HEADER] = signGatewayCredential(this.options.gatewaySecret, claims, { audience: this.options.name, method: "POST", path: this.path, body });

    let answer: PooledAnswer | undefined;
    let response: GatewayGraphQLResponse;
    try {
      answer = await this.options.fetcher(this.options.url, headers, body);
      response = graphqlAnswer(answer);
    } catch (error) {
      currentRequest()?.metrics?.dependencyFailed(this.options.name);
      this.options.logger.error("subgraph fetch failed", {
        subgraph: this.options.name,
        status: answer?.status,
        detail: error instanceof Error ? error.message : String(error),
      });
      throw serviceUnavailable();
    }
    return this.takeHandover(response, context);
  }

  /**
   * Takes identity's session handover out of its answer into the request's context (the cookies
   * are set from there); no subgraph's handover ever stays in an answer, and only identity's counts.
   */
  private takeHandover(response: GatewayGraphQLResponse, context: GatewayContext | null): GatewayGraphQLResponse {
    const handover = response.extensions?.[SESSION_HANDOVER_EXTENSION] as SessionHandover | undefined;
    if (handover === undefined) return response;
    delete response.extensions![SESSION_HANDOVER_EXTENSION];
    if (this.options.name === SESSION_SUBGRAPH && context?.handover) {
      if (handover.session) context.handover.session = handover.session;
      if (handover.device) context.handover.device = handover.device;
      if (handover.endedCurrent) context.handover.endedCurrent = true;
    } else {
      this.options.logger.warn("a session handover from a subgraph that does not open sessions was dropped", { subgraph: this.options.name });
    }
    return response;
  }
}

/** The GraphQL answer of a 2xx JSON answer; throws BadAnswer for anything else. */
function graphqlAnswer(answer: PooledAnswer): GatewayGraphQLResponse {
  if (answer.status < 200 || answer.status > 299) throw new BadAnswer(answer.status, `${answer.status}`);
  const type = answer.contentType ?? "";
  if (!type.startsWith("application/json") && !type.startsWith("application/graphql-response+json")) throw new BadAnswer(answer.status, `not JSON: ${type}`);
  const parsed: unknown = JSON.parse(answer.body);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new BadAnswer(answer.status, "Expected JSON response body");
  return parsed as GatewayGraphQLResponse;
}
