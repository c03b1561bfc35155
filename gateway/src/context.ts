import type { IncomingMessage } from "node:http";
import type { BaseContext } from "@apollo/server";
import { type ForwardedSession, forwardedOf, HttpError, type Logger, type SessionStore } from "@oa/platform";
import { bearerToken } from "./bearer-token";
import { createClientAddress } from "./client-address";

/** What one client request carries through the gateway to every subgraph fetch it causes. */
export interface GatewayContext extends BaseContext {
  /** The bearer token's live session, or null (no token, or an unknown, expired or revoked one). */
  session: ForwardedSession | null;
  /** The client's address: the socket's peer, or what a trusted proxy saw (client-address.ts). */
  clientIp: string | null;
}

export interface GatewayContextOptions {
  sessions: SessionStore;
  logger: Logger;
  /** Proxies whose X-Forwarded-For is believed (settings.trustedProxies); none by default. */
  trustedProxies?: readonly string[];
}

/**
 * Builds the context of each request: one session look-up, no matter how many subgraph fetches
 * follow. Each fetch signs a credential of its own from it (subgraph-data-source.ts).
 */
export function createGatewayContext(options: GatewayContextOptions) {
  const clientAddress = createClientAddress(options.trustedProxies ?? []);
  return async (request: IncomingMessage): Promise<GatewayContext> => {
    const session = await findSession(options, bearerToken(request.headers.authorization));
    const clientIp = clientAddress(request);
    return { session, clientIp };
  };
}

async function findSession(options: GatewayContextOptions, token: string | null): Promise<ForwardedSession | null> {
  if (token === null) return null;
  try {
    const session = await options.sessions.find(token);
    return session && forwardedOf(session);
  } catch (error) {
    // Without Redis a signed-in user cannot be told from a signed-out one: refuse rather than guess.
    options.logger.error("session look-up failed", { detail: error instanceof Error ? error.message : String(error) });
    throw new HttpError(503, "The service is unavailable. Please try again shortly.", "SERVICE_UNAVAILABLE");
  }
}
