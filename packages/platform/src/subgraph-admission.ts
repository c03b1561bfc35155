import type { IncomingMessage } from "node:http";
import type { CredentialNonces } from "./credential-nonces";
import type { GatewayCredential } from "./gateway-credential";
import { requestOperationType } from "./graphql-operation";
import { HttpError } from "./http-service";
import { describeError, type Logger } from "./logger";
import { sessionExpired, type SessionStore } from "./sessions";
import { requireGatewayCredential } from "./subgraph-context";

export interface SubgraphAdmissionOptions {
  /** The subgraph's name: the audience its credentials must name. */
  audience: string;
  secret: string;
  sessions: SessionStore;
  nonces: CredentialNonces;
  logger: Logger;
}

/** Decides what a request to a subgraph runs as, before any resolver sees it. */
export type SubgraphAdmission = (request: IncomingMessage, body: string) => Promise<GatewayCredential>;

/**
 * Admits a request to a subgraph, for every operation alike so no resolver can forget it:
 * - its credential must be made for this subgraph and this very request, and be fresh (else 401);
 * - a forwarded session whose `expiresAt` is past is no session;
 * - anything but a query (a mutation, or what cannot be told from one) is accepted once per
 *   credential (else 401), and runs without its session unless that is still live in Redis.
 */
export function createSubgraphAdmission(options: SubgraphAdmissionOptions): SubgraphAdmission {
  const { audience, secret, sessions, nonces, logger } = options;
  return async (request, body) => {
    const credential = requireGatewayCredential(secret, audience, request, body);
    let session = credential.session && !sessionExpired(credential.session) ? credential.session : null;
    const search = new URL(request.url ?? "/", "http://subgraph").search;
    if (requestOperationType(request.method ?? "GET", search, body) !== "query") {
      const [firstUse, live] = await checkInRedis(logger, () =>
        Promise.all([nonces.claim(credential), session ? sessions.isLive(session.id) : Promise.resolve(false)]),
      );
      if (!firstUse) throw new HttpError(401, "This service answers only the gateway.");
      if (!live) session = null;
    }
    return session === credential.session ? credential : { ...credential, session };
  };
}

// Without Redis a replay or a revoked session cannot be told apart: refuse rather than guess.
async function checkInRedis<T>(logger: Logger, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    logger.error("credential check failed", describeError(error));
    throw new HttpError(503, "The service is unavailable. Please try again shortly.", "SERVICE_UNAVAILABLE");
  }
}
