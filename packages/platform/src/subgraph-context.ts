import { GraphQLError } from "graphql";
import type { IncomingMessage } from "node:http";
import { ErrorCode } from "./errors";
import { GATEWAY_CREDENTIAL_HEADER, type GatewayCredential, verifyGatewayCredential } from "./gateway-credential";
import { HttpError } from "./http-service";

/**
 * The credential of a request to the subgraph `audience`, if it was signed for exactly this
 * request (method, path and body as received) and is within its lifetime; otherwise null.
 */
export function credentialOfRequest(secret: string, audience: string, request: IncomingMessage, body: string, now = Date.now()): GatewayCredential | null {
  const header = request.headers[GATEWAY_CREDENTIAL_HEADER];
  return verifyGatewayCredential(secret, Array.isArray(header) ? header[0] : header, { audience, method: request.method ?? "GET", path: request.url ?? "/", body }, now);
}

/**
 * The credential of a request to a subgraph. Anything without a valid credential made for this
 * very request is refused with 401 before it reaches GraphQL.
 */
export function requireGatewayCredential(secret: string, audience: string, request: IncomingMessage, body: string): GatewayCredential {
  const credential = credentialOfRequest(secret, audience, request, body);
  if (!credential) throw new HttpError(401, "This service answers only the gateway.");
  return credential;
}

/**
 * For internal (`@inaccessible`) fields: only the named service may call them, and only with a
 * credential made for this field (`purpose`). The gateway never routes them (they are not in the
 * API schema); this holds even if that ever changed.
 */
export function requireInternalCaller(credential: GatewayCredential, caller: string, purpose: string): void {
  if (credential.caller !== caller || credential.purpose !== purpose) {
    throw new GraphQLError("This field is for internal calls only.", { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}
