import { ApolloServer } from "@apollo/server";
import type { AddressInfo } from "node:net";
import { buildSchema } from "graphql";
import { startHttpService } from "./http-service";
import { createLogger } from "./logger";

const schema = buildSchema("type Query { ok: Boolean }");

function start(options: { host?: string; tls?: { cert: Buffer; key: Buffer } }) {
  return startHttpService({
    name: "test",
    port: 0,
    ...options,
    apollo: new ApolloServer({ schema, rootValue: { ok: true } }),
    context: async () => ({}),
    readiness: {},
    logger: createLogger("silent"),
  });
}

describe("startHttpService", () => {
  it("listens on loopback only unless told otherwise", async () => {
    const running = await start({});
    try {
      expect((running.server.address() as AddressInfo).address).toBe("127.0.0.1");
      expect(running.url).toBe(`http://127.0.0.1:${running.port}/graphql`);
    } finally {
      await running.close();
    }
  });

  it("reports where this machine reaches a service on every interface", async () => {
    const running = await start({ host: "0.0.0.0" });
    try {
      expect((running.server.address() as AddressInfo).address).toBe("0.0.0.0");
      expect(running.url).toBe(`http://127.0.0.1:${running.port}/graphql`);
      const answer = await fetch(running.url.replace(/graphql$/, "nothing"));
      expect(answer.status).toBe(404);
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("referrer-policy")).toBe("no-referrer");
      expect(answer.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await running.close();
    }
  });

  it("refuses to start with a certificate and key it cannot use", async () => {
    await expect(start({ tls: { cert: Buffer.from("not a certificate"), key: Buffer.from("not a key") } })).rejects.toThrow(
      /^TLS_CERT_FILE and TLS_KEY_FILE cannot serve HTTPS: /,
    );
  });
});
