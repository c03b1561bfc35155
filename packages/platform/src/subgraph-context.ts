import type { IncomingMessage } from "node:http";
import { GATEWAY_CREDENTIAL_HEADER, type GatewayCredential, verifyGatewayCredential } from "./gateway-credential";
import { HttpError } from "./http-service";

/**
 * The credential of a request to a subgraph. Anything without a valid gateway credential is
 * refused with 401 before it reaches GraphQL.
 */
export function requireGatewayCredential(secret: string, request: IncomingMessage): GatewayCredential {
  const header = request.headers[GATEWAY_CREDENTIAL_HEADER];
  const credential = verifyGatewayCredential(secret, Array.isArray(header) ? header[0] : header);
  if (!credential) throw new HttpError(401, "This service answers only the gateway.");
  return credential;
}
