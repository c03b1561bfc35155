import type { IncomingMessage, ServerResponse } from "node:http";
import type { BaseContext } from "@apollo/server";
import { currentRequest, type ForwardedSession, forwardedOf, HttpError, type Logger, type SessionHandover, type SessionStore } from "@oa/platform";
import { bearerToken } from "./bearer-token";
import { createClientAddress } from "./client-address";
import { type CookiePolicy, cookiesHonoured } from "./cookie-requests";
import { DEVICE_COOKIE, SESSION_COOKIE, tokenCookie } from "./session-cookies";

/** What one client request carries through the gateway to every subgraph fetch it causes. */
export interface GatewayContext extends BaseContext {
  /** The live session of the bearer token (or, without one, of the session cookie), or null. */
  session: ForwardedSession | null;
  /** The client's address: the socket's peer, or what a trusted proxy saw (client-address.ts). */
  clientIp: string | null;
  /** True when the request came with a session cookie that counts: its answer clears it when its session ends. */
  sessionCookie: boolean;
  /** The device cookie's token, for identity's login (never for a bearer request). */
  deviceCookie: string | null;
  /** What identity handed over while answering (session-cookies.plugin.ts turns it into Set-Cookie). */
  handover: SessionHandover;
  /** Adds a Set-Cookie header to the answer. */
  setCookie: (cookie: string) => void;
}

export interface GatewayContextOptions {
  sessions: SessionStore;
  logger: Logger;
  /** Proxies whose X-Forwarded-For is believed (settings.trustedProxies); none by default. */
  trustedProxies?: readonly string[];
  /** When the cookies of a request count (cookie-requests.ts); by default only for the gateway's own origin over plain HTTP. */
  cookies?: CookiePolicy;
}

/**
 * Builds the context of each request: one session look-up, no matter how many subgraph fetches
 * follow. Each fetch signs a credential of its own from it (subgraph-data-source.ts). A bearer
 * token wins: the cookies of a request with an Authorization header are never read. A session
 * is honoured only as it was delivered: a COOKIE session from the cookie, a BEARER one from the header.
 */
export function createGatewayContext(options: GatewayContextOptions) {
  const clientAddress = createClientAddress(options.trustedProxies ?? []);
  const policy: CookiePolicy = options.cookies ?? { webOrigins: [], tls: false };
  return async (request: IncomingMessage, response?: ServerResponse): Promise<GatewayContext> => {
    const setCookie = (cookie: string) => response?.appendHeader("set-cookie", cookie);
    const clientIp = clientAddress(request);
    const bearer = bearerToken(request.headers.authorization);
    if (bearer !== null || request.headers.authorization !== undefined) {
      const session = await findSession(options, bearer, "BEARER");
      return { session, clientIp, sessionCookie: false, deviceCookie: null, handover: {}, setCookie };
    }
    const honoured = cookiesHonoured(request, policy);
    const cookieToken = honoured ? tokenCookie(request.headers.cookie, SESSION_COOKIE) : null;
    const session = await findSession(options, cookieToken, "COOKIE");
    return {
      session,
      clientIp,
      sessionCookie: cookieToken !== null,
      deviceCookie: honoured ? tokenCookie(request.headers.cookie, DEVICE_COOKIE) : null,
      handover: {},
      setCookie,
    };
  };
}

async function findSession(options: GatewayContextOptions, token: string | null, delivery: "BEARER" | "COOKIE"): Promise<ForwardedSession | null> {
  if (token === null) return null;
  try {
    const session = await options.sessions.find(token);
    // A cookie session's token never works as a bearer token, nor the other way round.
    return session && session.delivery === delivery ? forwardedOf(session) : null;
  } catch (error) {
    // Without Redis a signed-in user cannot be told from a signed-out one: refuse rather than guess.
    currentRequest()?.metrics?.dependencyFailed("redis");
    options.logger.error("session look-up failed", { detail: error instanceof Error ? error.message : String(error) });
    throw new HttpError(503, "The service is unavailable. Please try again shortly.", "SERVICE_UNAVAILABLE");
  }
}
