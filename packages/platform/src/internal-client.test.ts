import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GATEWAY_CREDENTIAL_HEADER, type GatewayCredential } from "./gateway-credential";
import { InternalClient } from "./internal-client";
import { createLogger } from "./logger";
import { credentialOfRequest } from "./subgraph-context";

const SECRET = "a-test-secret-of-at-least-32-characters";

describe("an internal call", () => {
  let server: Server;
  let url: string;
  const received: { credential: GatewayCredential | null; body: string; header: string }[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        received.push({ credential: credentialOfRequest(SECRET, "device-trust", request, body), body, header: String(request.headers[GATEWAY_CREDENTIAL_HEADER]) });
        response.writeHead(200, { "content-type": "application/json" }).end('{"data":{"trustedDevice":null}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = (audience: string) => new InternalClient({ caller: "identity", audience, url, secret: SECRET, logger: createLogger("silent") });
  const QUERY = "query ($u: ID!, $t: String!) { trustedDevice(userId: $u, deviceToken: $t) }";

  it("is signed for the service called, its exact body and the one field it calls", async () => {
    received.length = 0;
    await client("device-trust").request(QUERY, { u: "u-1", t: "token" });
    await client("device-trust").request(QUERY, { u: "u-1", t: "token" });
    expect(received.map((call) => call.credential)).toEqual([
      expect.objectContaining({ caller: "identity", audience: "device-trust", purpose: "trustedDevice", session: null }),
      expect.objectContaining({ caller: "identity", audience: "device-trust", purpose: "trustedDevice", session: null }),
    ]);
    // Two calls with the same body still carry credentials of their own.
    expect(received[0].header).not.toBe(received[1].header);
  });

  it("is not accepted by another service", async () => {
    received.length = 0;
    await client("vehicle-account").request(QUERY, { u: "u-1", t: "token" });
    expect(received[0].credential).toBeNull();
  });

  it("must name one field: a document calling several is not sent", async () => {
    received.length = 0;
    await expect(client("device-trust").request("{ trustedDevice(userId: 1, deviceToken: \"x\") registerDevice }", {})).rejects.toThrow(/one root field/);
    expect(received).toEqual([]);
  });
});
