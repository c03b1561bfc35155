import { contractOperation } from "../../packages/cli/src/contract-operations";
import { answerData } from "../../packages/cli/src/journeys/graphql-answer";
import type { Outbox } from "../../packages/cli/src/journeys/outbox";
import type { RunOperation } from "../../packages/cli/src/journeys/sign-in";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A gateway as a client sees it, with the outbox its codes go to: what the journeys take. */
export class GatewayClient {
  constructor(
    public gatewayUrl: string,
    readonly outbox: Outbox,
  ) {}

  /** Sends a contract operation (by name) through the gateway. */
  run<T = Record<string, any>>(operationName: string, variables: Record<string, unknown> = {}, accessToken?: string): Promise<GraphQLResponse<T>> {
    return this.post<T>({ query: contractOperation(operationName), operationName, variables }, accessToken);
  }

  /** Sends a contract operation through the gateway; resolves to its data, throws on an error answer (for journeys). */
  readonly runOperation: RunOperation = async (operationName, variables, accessToken) => {
    const { status, body } = await this.run(operationName, variables, accessToken);
    return answerData(status, body);
  };

  /** Sends any body through the gateway. */
  post<T = Record<string, any>>(body: unknown, accessToken?: string, extraHeaders: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
    return postToGateway<T>(this.gatewayUrl, body, accessToken, extraHeaders);
  }
}

/** POSTs any body to a gateway as a bearer client; the answer must be JSON. */
export async function postToGateway<T = Record<string, any>>(
  gatewayUrl: string,
  body: unknown,
  accessToken?: string,
  extraHeaders: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...extraHeaders };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const response = await fetch(gatewayUrl, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed: GraphQLResponse<T>["body"];
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`gateway answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, body: parsed };
}
