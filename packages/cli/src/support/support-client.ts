import { GATEWAY_CREDENTIAL_HEADER, signGatewayCredential, soleRootField, type SupportDeskSettings } from "@oa/platform";
import { redactUrl } from "../redact-url";

/** Who the support desk is to identity: the caller its credentials name. */
const SUPPORT_CALLER = "support";
// An unlock hashes an answer and asks device-trust for the devices: seconds at most, even on a busy box.
const TIMEOUT_MS = 15_000;

/** identity did not do what was asked, for a reason that is no answer of the support desk's (the line says which). */
export class SupportCallError extends Error {
  constructor(
    message: string,
    /** 2 when identity found the arguments wrong, 1 otherwise. */
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = "SupportCallError";
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Calls one of identity's support fields directly at IDENTITY_URL, with a credential signed with
 * SUPPORT_SECRET for exactly this request and the one field it calls (platform's gateway-credential
 * signing, caller "support"): worth nothing for any other body, field or service, and for seconds.
 */
export async function callSupportField<T>(settings: SupportDeskSettings, query: string, variables: Record<string, unknown>): Promise<T> {
  const purpose = soleRootField(query);
  if (purpose === null) throw new Error("a support call names one root field: its purpose");
  const url = new URL(settings.identityUrl);
  const body = JSON.stringify({ query, variables });
  const credential = signGatewayCredential(
    settings.supportSecret,
    { caller: SUPPORT_CALLER, session: null, clientIp: null, purpose },
    { audience: "identity", method: "POST", path: url.pathname + url.search, body },
  );
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: credential },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new SupportCallError(`identity did not answer at ${redactUrl(settings.identityUrl)}: is it running there? (IDENTITY_URL says where)`, 1);
  }
  if (response.status === 401) {
    throw new SupportCallError("identity refused the support desk's credential: SUPPORT_SECRET must be the one identity runs with", 1);
  }
  const answer = (await response.json().catch(() => null)) as GraphQLAnswer<T> | null;
  const error = answer?.errors?.[0];
  if (error?.extensions?.code === "BAD_USER_INPUT") throw new SupportCallError(error.message, 2);
  if (error?.extensions?.code === "SERVICE_UNAVAILABLE") throw new SupportCallError("identity could not finish: a service it needs did not answer. Try again shortly.", 1);
  if (!response.ok || !answer?.data || error) {
    throw new SupportCallError(`identity answered ${response.status}${error ? `: ${error.message}` : " without an answer"}`, 1);
  }
  return answer.data;
}
