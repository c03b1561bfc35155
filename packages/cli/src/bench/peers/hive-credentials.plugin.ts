import type { IncomingMessage } from "node:http";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { bearerToken } from "@oa/gateway";
import { type CredentialClaims, forwardedOf, GATEWAY_CREDENTIAL_HEADER, type SessionStore, signGatewayCredential } from "@oa/platform";

export interface HiveCredentialsOptions {
  /** Where the gateway's sessions are. */
  sessions: SessionStore;
  /** The secret the subgraphs check every credential with (GATEWAY_SECRET). */
  gatewaySecret: string;
}

interface CredentialsContext {
  oaClaims: CredentialClaims;
}

const ANONYMOUS: CredentialClaims = { caller: "gateway", session: null, clientIp: null, purpose: null };

/**
 * What Hive Gateway needs to stand in front of the project's subgraphs, as the project's gateway
 * does: one session look-up per request (a bearer token's, in Redis), and on every subgraph fetch a
 * credential signed for exactly that fetch (subgraph, method, path and body) carrying the session
 * and the client's address. Nothing the client sent is passed on.
 */
export function hiveCredentialsPlugin(options: HiveCredentialsOptions): GatewayPlugin<CredentialsContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const token = bearerToken(context.request.headers.get("authorization") ?? undefined);
      const record = token === null ? null : await options.sessions.find(token);
      const session = record && record.delivery === "BEARER" ? forwardedOf(record) : null;
      const socketOwner = (context as { req?: IncomingMessage }).req;
      extendContext({ oaClaims: { caller: "gateway", session, clientIp: socketOwner?.socket?.remoteAddress ?? null, purpose: null } });
    },
    onFetch({ url, options: init, setOptions, context, executionRequest }) {
      const audience = executionRequest?.subgraphName;
      if (!audience) return;
      const claims = ("oaClaims" in context && context.oaClaims) || ANONYMOUS;
      const { pathname, search } = new URL(url);
      const body = typeof init.body === "string" ? init.body : "";
      const credential = signGatewayCredential(options.gatewaySecret, claims, { audience, method: init.method ?? "POST", path: pathname + search, body });
      setOptions({ ...init, headers: { ...headersOf(init.headers), [GATEWAY_CREDENTIAL_HEADER]: credential } });
    },
  };
}

function headersOf(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (typeof (headers as Headers).forEach === "function" && typeof (headers as Headers).get === "function") {
    const plain: Record<string, string> = {};
    (headers as Headers).forEach((value, name) => {
      plain[name] = value;
    });
    return plain;
  }
  return { ...(headers as Record<string, string>) };
}
