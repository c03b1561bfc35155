import type { IncomingMessage } from "node:http";
import type { GatewayCredential } from "./gateway-credential";
import { operationShape } from "./graphql-operation";
import { credentialOfRequest } from "./subgraph-context";

/**
 * A signer besides the gateway whose credentials one subgraph admits for a few fields of its own
 * and nothing else: the support desk at identity, with SUPPORT_SECRET.
 */
export interface FieldSigner {
  /** The caller its credentials name. A credential signed with the gateway's secret never passes for it. */
  caller: string;
  secret: string;
  /** The root fields it may call: one of them per request, once, without a session. */
  fields: readonly string[];
}

/** Why a credential made with a field signer's secret asks for more than the signer may. */
export type FieldSignerRefusal = "caller" | "session" | "field";

/**
 * The credential of a request made for exactly this request with one of `signers`' secrets, and
 * whether it keeps to its signer's fields; null when no signer made it.
 */
export function fieldSignerCredential(
  signers: readonly FieldSigner[],
  audience: string,
  request: IncomingMessage,
  body: string,
): { credential: GatewayCredential; refused: FieldSignerRefusal | null } | null {
  for (const signer of signers) {
    const credential = credentialOfRequest(signer.secret, audience, request, body);
    if (credential) return { credential, refused: refusalOf(signer, credential, request, body) };
  }
  return null;
}

function refusalOf(signer: FieldSigner, credential: GatewayCredential, request: IncomingMessage, body: string): FieldSignerRefusal | null {
  if (credential.caller !== signer.caller) return "caller";
  if (credential.session !== null) return "session";
  const purpose = credential.purpose;
  if (purpose === null || !signer.fields.includes(purpose) || soleField(request, body) !== purpose) return "field";
  return null;
}

/** The one root field a POSTed operation selects, exactly once (no alias repeats, no fragment at the root); else null. */
function soleField(request: IncomingMessage, body: string): string | null {
  if ((request.method ?? "GET").toUpperCase() !== "POST") return null;
  let params: { query?: unknown; operationName?: unknown };
  try {
    params = JSON.parse(body) as typeof params;
  } catch {
    return null;
  }
  if (!params || typeof params !== "object" || Array.isArray(params) || typeof params.query !== "string") return null;
  const operationName = typeof params.operationName === "string" ? params.operationName : null;
  const fields = operationShape(params.query, operationName)?.rootFields ?? [];
  return fields.length === 1 ? fields[0] : null;
}
