import { type IncomingHttpHeaders, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The CA to trust for an https URL (a certificate made by the test). */
  ca?: Buffer;
  /** The local address to send from (e.g. 127.0.0.2, to be another client on loopback). */
  localAddress?: string;
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One request with node's own http or https client: what fetch cannot do (a CA of the test's, a chosen local address). */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawAnswer> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target, { method: options.method ?? "GET", headers: options.headers, ca: options.ca, localAddress: options.localAddress, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

/** POSTs a GraphQL body as JSON. */
export function postJson(url: string, body: unknown, options: Omit<RawRequestOptions, "method" | "body"> = {}): Promise<RawAnswer> {
  return rawRequest(url, { ...options, method: "POST", headers: { "content-type": "application/json", ...options.headers }, body: JSON.stringify(body) });
}
