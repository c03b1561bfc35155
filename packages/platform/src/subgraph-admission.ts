import type { IncomingMessage } from "node:http";
import type { CredentialNonces } from "./credential-nonces";
import { type FieldSigner, fieldSignerCredential } from "./field-signers";
import type { GatewayCredential } from "./gateway-credential";
import { requestOperationType } from "./graphql-operation";
import { HttpError } from "./http-service";
import { describeError, type Logger } from "./logger";
import { currentMetrics } from "./request-scope";
import { sessionExpired, type SessionStore } from "./sessions";
import { credentialOfRequest } from "./subgraph-context";

export interface SubgraphAdmissionOptions {
  /** The subgraph's name: the audience its credentials must name. */
  audience: string;
  secret: string;
  sessions: SessionStore;
  nonces: CredentialNonces;
  logger: Logger;
  /** Signers besides the gateway, each admitted for its own fields only (identity's support desk). */
  fieldSigners?: readonly FieldSigner[];
}

/** Decides what a request to a subgraph runs as, before any resolver sees it; `json`: the body parsed once (http-service.ts). */
export type SubgraphAdmission = (request: IncomingMessage, body: string, json?: () => unknown) => Promise<GatewayCredential>;

/**
 * Admits a request to a subgraph, for every operation alike so no resolver can forget it:
 * - its credential must be made for this subgraph and this very request, and be fresh (else 401);
 * - one made with a field signer's secret must keep to that signer's fields (else 401), and one
 *   made with the gateway's secret must not name a field signer as its caller (else 401);
 * - a forwarded session whose `expiresAt` is past is no session;
 * - anything but a query (a mutation, or what cannot be told from one) is accepted once per
 *   credential (else 401), and runs without its session unless that is still live in Redis.
 */
export function createSubgraphAdmission(options: SubgraphAdmissionOptions): SubgraphAdmission {
  const { audience, secret, sessions, nonces, logger } = options;
  const fieldSigners = options.fieldSigners ?? [];
  const unauthorized = () => new HttpError(401, "This service answers only the gateway.");
  const refuse = (caller: string, reason: string) => {
    logger.warn("credential refused", { caller, reason });
    return unauthorized();
  };
  const verify = (request: IncomingMessage, body: string): GatewayCredential => {
    const byGateway = credentialOfRequest(secret, audience, request, body);
    if (byGateway) {
      // Whoever holds the gateway's secret may still not speak for a field signer (the support desk).
      if (fieldSigners.some((signer) => signer.caller === byGateway.caller)) throw refuse(byGateway.caller, "caller");
      return byGateway;
    }
    const bySigner = fieldSignerCredential(fieldSigners, audience, request, body);
    if (!bySigner) throw unauthorized();
    if (bySigner.refused) throw refuse(bySigner.credential.caller, bySigner.refused);
    return bySigner.credential;
  };
  return async (request, body, json) => {
    const credential = verify(request, body);
    let session = credential.session && !sessionExpired(credential.session) ? credential.session : null;
    if (requestOperationType(request.method ?? "GET", searchOf(request.url), body, json) !== "query") {
      const [firstUse, live] = await checkInRedis(logger, () => Promise.all([nonces.claim(credential), session ? sessions.isLive(session.id) : Promise.resolve(false)]));
      if (!firstUse) throw unauthorized();
      if (!live) session = null;
    }
    return session === credential.session ? credential : { ...credential, session };
  };
}

/** The query string of a request's URL ("" for "/graphql", the gateway's every fetch: no URL parsed then). */
function searchOf(url: string | undefined): string {
  const at = url?.indexOf("?") ?? -1;
  return at === -1 ? "" : new URL(url!, "http://subgraph").search;
}

// Without Redis a replay or a revoked session cannot be told apart: refuse rather than guess.
async function checkInRedis<T>(logger: Logger, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    currentMetrics()?.dependencyFailed("redis");
    logger.error("credential check failed", describeError(error));
    throw new HttpError(503, "The service is unavailable. Please try again shortly.", "SERVICE_UNAVAILABLE");
  }
}
