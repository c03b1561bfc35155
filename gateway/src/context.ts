import type { IncomingMessage } from "node:http";
import type { BaseContext } from "@apollo/server";
import { type ForwardedSession, HttpError, type Logger, type SessionStore, signGatewayCredential } from "@oa/platform";
import { bearerToken } from "./bearer-token";

/** What one client request carries through the gateway to every subgraph fetch it causes. */
export interface GatewayContext extends BaseContext {
  /** The bearer token's live session, or null (no token, or an unknown, expired or revoked one). */
  session: ForwardedSession | null;
  /** The client's address as the gateway's socket saw it. */
  clientIp: string | null;
  /** The signed `x-oa-gateway` value: signed on first use, then reused by every fetch of the request. */
  credential(): string;
}

export interface GatewayContextOptions {
  gatewaySecret: string;
  sessions: SessionStore;
  logger: Logger;
}

/** Builds the context of each request: one session look-up, no matter how many subgraph fetches follow. */
export function createGatewayContext(options: GatewayContextOptions) {
  return async (request: IncomingMessage): Promise<GatewayContext> => {
    const session = await findSession(options, bearerToken(request.headers.authorization));
    const clientIp = clientAddress(request);
    let signed: string | undefined;
    return {
      session,
      clientIp,
      credential: () => (signed ??= signGatewayCredential(options.gatewaySecret, { caller: "gateway", session, clientIp })),
    };
  };
}

async function findSession(options: GatewayContextOptions, token: string | null): Promise<ForwardedSession | null> {
  if (token === null) return null;
  try {
    return await options.sessions.find(token);
  } catch (error) {
    // Without Redis a signed-in user cannot be told from a signed-out one: refuse rather than guess.
    options.logger.error("session look-up failed", { detail: error instanceof Error ? error.message : String(error) });
    throw new HttpError(503, "The service is unavailable. Please try again shortly.", "SERVICE_UNAVAILABLE");
  }
}

function clientAddress(request: IncomingMessage): string | null {
  const address = request.socket.remoteAddress;
  if (!address) return null;
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}
