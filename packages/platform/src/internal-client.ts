import { GraphQLError } from "graphql";
import { ErrorCode, serviceUnavailable } from "./errors";
import { type ForwardedSession, GATEWAY_CREDENTIAL_HEADER, signGatewayCredential } from "./gateway-credential";
import type { Logger } from "./logger";

/**
 * Calls another subgraph's internal (`@inaccessible`) fields directly, signed with the gateway
 * credential. Any failure to get an answer becomes SERVICE_UNAVAILABLE for the client.
 */
export class InternalClient {
  constructor(
    private readonly caller: string,
    private readonly url: string,
    private readonly secret: string,
    private readonly logger: Logger,
    private readonly timeoutMs = 5_000,
  ) {}

  /** `signal` (optional) cancels the call: it then rejects with the signal's reason, and nothing is logged. */
  async request<T>(query: string, variables: Record<string, unknown>, session: ForwardedSession | null = null, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const credential = signGatewayCredential(this.secret, { caller: this.caller, session, clientIp: null });
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: credential },
        body: JSON.stringify({ query, variables }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      this.logger.error("internal call failed", { url: this.url, detail: error instanceof Error ? error.message : String(error) });
      throw serviceUnavailable();
    }
    const payload = (await response.json().catch(() => null)) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | null;
    if (signal?.aborted) throw signal.reason;
    if (!response.ok || !payload || payload.errors?.length || !payload.data) {
      const first = payload?.errors?.[0];
      this.logger.error("internal call answered with errors", { url: this.url, status: response.status, detail: first?.message });
      if (first?.extensions?.code === ErrorCode.BAD_USER_INPUT) {
        throw new GraphQLError(first.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
      }
      throw serviceUnavailable();
    }
    return payload.data;
  }
}
