import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Listens as the project's services do (keep-alive longer than any client's idle time, so no
 * socket is closed under a request) and answers the server's GraphQL URL.
 */
export async function listenAsPeer(server: Server, port: number, host: string): Promise<string> {
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return `http://${host}:${(server.address() as AddressInfo).port}/graphql`;
}

/** Stops accepting, closes idle keep-alive sockets, and resolves once every connection has ended. */
export function closePeerServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
