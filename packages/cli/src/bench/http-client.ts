import { Agent, request } from "node:http";
import { answerData, type GraphQLBody } from "../journeys/graphql-answer";

export interface HttpAnswer {
  status: number;
  text: string;
}

/**
 * The benchmark's own client: plain node:http POSTs over keep-alive sockets (at most
 * `maxSockets` at once), so the client side costs the same in every variant and stays small.
 */
export class HttpClient {
  private readonly agent: Agent;

  constructor(maxSockets: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  post(url: string, body: string, headers: Record<string, string>): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(url, { method: "POST", agent: this.agent, headers: { ...headers, "content-length": Buffer.byteLength(body) }, timeout: 30_000 }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      });
      outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer from ${url} within 30 s`)));
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A GraphQL answer's data; throws with the first error's message and code otherwise. */
export function graphqlData<T>(answer: HttpAnswer): T {
  let parsed: GraphQLBody<T>;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    throw new Error(`answer ${answer.status} is not JSON: ${answer.text.slice(0, 200)}`);
  }
  return answerData(answer.status, parsed);
}
