import { type Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A server on a free loopback port that hands `onRequest` each request with its whole body. */
export async function startBodyServer(onRequest: (request: IncomingMessage, body: Buffer, response: ServerResponse) => void): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => onRequest(request, Buffer.concat(chunks), response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Sends a request on to `target` unchanged (but for Host) and pipes the answer back; 502 when it cannot be reached. */
export function forward(agent: Agent, target: URL, sent: { method: string; path: string; headers: IncomingHttpHeaders }, body: Buffer, response: ServerResponse): void {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: sent.method, path: sent.path, headers: { ...sent.headers, host: target.host }, agent },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on("error", () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
  upstream.end(body);
}

/** Stops the server, cutting its connections, and the agent's sockets with it. */
export async function closeForwarding(server: Server, agent: Agent): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  agent.destroy();
}
