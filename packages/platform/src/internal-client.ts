import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { GraphQLError } from "graphql";
import { ErrorCode, serviceUnavailable } from "./errors";
import { type ForwardedSession, GATEWAY_CREDENTIAL_HEADER, signGatewayCredential } from "./gateway-credential";
import { soleRootField } from "./graphql-operation";
import type { Logger } from "./logger";
import { type PooledAnswer, PooledHttp } from "./pooled-http";
import { currentRequest, REQUEST_ID_HEADER } from "./request-scope";

const tracer = trace.getTracer("@oa/platform/internal-client");

export interface InternalClientOptions {
  /** Who calls: the service's name, e.g. "identity". */
  caller: string;
  /** The service called, by name (e.g. "device-trust"): the credential is good there only. */
  audience: string;
  /** Where the service is; a function when it is known only once that service listens (in-process systems on free ports). */
  url: string | (() => string);
  secret: string;
  logger: Logger;
  timeoutMs?: number;
  /** The keep-alive pools the calls go over; by default those every InternalClient of the process shares. */
  http?: PooledHttp;
}

let sharedHttp: PooledHttp | undefined;

/** The pools the process's internal calls share (idle sockets hold no process open). */
function processHttp(): PooledHttp {
  sharedHttp ??= new PooledHttp();
  return sharedHttp;
}

/**
 * Calls another service's fields directly (above all the internal, `@inaccessible` ones), each call
 * with a credential of its own: bound to the service, to this exact request and to the one field it
 * calls (its purpose). Any failure to get an answer becomes SERVICE_UNAVAILABLE for the client,
 * and counts as a dependency error (the service called) of the calling service. Each call carries
 * the request's id and, when tracing, its trace context (W3C traceparent) in a client span of its own.
 */
export class InternalClient {
  private readonly caller: string;
  private readonly audience: string;
  private readonly urlOf: () => string;
  private readonly secret: string;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly http: PooledHttp;

  constructor(options: InternalClientOptions) {
    this.caller = options.caller;
    this.audience = options.audience;
    const url = options.url;
    this.urlOf = typeof url === "function" ? url : () => url;
    this.secret = options.secret;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.http = options.http ?? processHttp();
  }

  /**
   * Sends `query`, which must call exactly one root field (the call's purpose). `signal` (optional)
   * cancels the call: it then rejects with the signal's reason, and nothing is logged.
   */
  async request<T>(query: string, variables: Record<string, unknown>, session: ForwardedSession | null = null, signal?: AbortSignal): Promise<T> {
    const purpose = soleRootField(query);
    if (purpose === null) throw new Error("an internal call names one root field: its purpose");
    // A no-op span when tracing is off.
    return tracer.startActiveSpan(`${this.audience} ${purpose}`, { kind: SpanKind.CLIENT, attributes: { "rpc.service": this.audience, "rpc.method": purpose } }, async (span) => {
      try {
        return await this.send<T>(purpose, query, variables, session, signal);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  private async send<T>(purpose: string, query: string, variables: Record<string, unknown>, session: ForwardedSession | null, signal?: AbortSignal): Promise<T> {
    const url = this.urlOf();
    const parsed = new URL(url);
    const body = JSON.stringify({ query, variables });
    const credential = signGatewayCredential(
      this.secret,
      { caller: this.caller, session, clientIp: null, purpose },
      { audience: this.audience, method: "POST", path: parsed.pathname + parsed.search, body },
    );
    const headers: Record<string, string> = { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: credential };
    const scope = currentRequest();
    if (scope) headers[REQUEST_ID_HEADER] = scope.requestId;
    propagation.inject(context.active(), headers);
    let answer: PooledAnswer;
    try {
      answer = await this.http.post(url, headers, body, { signal, timeoutMs: this.timeoutMs });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      this.logger.error("internal call failed", { url, detail: error instanceof Error ? error.message : String(error) });
      scope?.metrics?.dependencyFailed(this.audience);
      throw serviceUnavailable();
    }
    if (signal?.aborted) throw signal.reason;
    const payload = parsedPayload<T>(answer.body);
    if (answer.status < 200 || answer.status > 299 || !payload || payload.errors?.length || !payload.data) {
      const first = payload?.errors?.[0];
      this.logger.error("internal call answered with errors", { url, status: answer.status, detail: first?.message });
      if (first?.extensions?.code === ErrorCode.BAD_USER_INPUT) {
        throw new GraphQLError(first.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
      }
      scope?.metrics?.dependencyFailed(this.audience);
      throw serviceUnavailable();
    }
    return payload.data;
  }
}

type Payload<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };

function parsedPayload<T>(body: string): Payload<T> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null ? (parsed as Payload<T>) : null;
  } catch {
    return null;
  }
}
