import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { credentialOfRequest } from "@oa/platform";

/** One call of identity's endDeviceSessions, as the stand-in received it. */
export interface EndDeviceSessionsCall {
  caller: string;
  purpose: string | null;
  variables: { userId: string; deviceId: string; deviceName: string; clientAddress: string | null };
}

/**
 * A stand-in for identity's internal endDeviceSessions, for device-trust's own tests: it answers
 * only a credential made for identity and this exact request (else 401), records each call, and
 * answers 503 while `failing`.
 */
export interface IdentityStandIn {
  url: string;
  calls: EndDeviceSessionsCall[];
  failing: boolean;
  close(): Promise<void>;
}

export async function startIdentityStandIn(gatewaySecret: string): Promise<IdentityStandIn> {
  const standIn: IdentityStandIn = { url: "", calls: [], failing: false, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(payload));
      };
      const credential = credentialOfRequest(gatewaySecret, "identity", request, body);
      if (!credential) return reply(401, { errors: [{ message: "This service answers only the gateway." }] });
      if (standIn.failing) return reply(503, { errors: [{ message: "unavailable" }] });
      const { variables } = JSON.parse(body) as { variables: EndDeviceSessionsCall["variables"] };
      standIn.calls.push({ caller: credential.caller, purpose: credential.purpose, variables });
      reply(200, { data: { endDeviceSessions: 0 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  standIn.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return standIn;
}
