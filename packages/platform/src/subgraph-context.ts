import { GraphQLError } from "graphql";
import { ErrorCode } from "./errors";
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

/**
 * For internal (`@inaccessible`) fields: only the named subgraph may call them. The gateway never
 * routes them (they are not in the API schema); this holds even if that ever changed.
 */
export function requireInternalCaller(credential: GatewayCredential, caller: string): void {
  if (credential.caller !== caller) {
    throw new GraphQLError("This field is for internal calls only.", { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}
