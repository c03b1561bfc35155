import { ApolloServer } from "@apollo/server";
import type { AddressInfo } from "node:net";
import { buildSchema } from "graphql";
import { startHttpService } from "./http-service";
import { createLogger } from "./logger";
import { ServiceMetrics } from "./metrics";
import { metricValue } from "./testing";

const schema = buildSchema("type Query { ok: Boolean }");

function start(options: { host?: string; tls?: { cert: Buffer; key: Buffer }; metrics?: ServiceMetrics | null; cors?: boolean; logLines?: string[] }) {
  const { logLines, ...rest } = options;
  return startHttpService({
    name: "test",
    port: 0,
    ...rest,
    apollo: new ApolloServer({ schema, rootValue: { ok: true } }),
    context: async () => ({}),
    readiness: {},
    logger: logLines ? createLogger("debug", {}, (line) => logLines.push(line)) : createLogger("silent"),
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
    await expect(start({ tls: { cert: Buffer.from("not a certificate"), key: Buffer.from("not a key") } })).rejects.toThrow(/^TLS_CERT_FILE and TLS_KEY_FILE cannot serve HTTPS: /);
  });

  it("serves its counters on /metrics, without CORS headers even where /graphql has them", async () => {
    const metrics = new ServiceMetrics("test", { processMetrics: false });
    const running = await start({ metrics, cors: true });
    try {
      const ask = (body: unknown) =>
        fetch(running.url, { method: "POST", headers: { "content-type": "application/json", origin: "https://elsewhere.example" }, body: JSON.stringify(body) });
      const answered = await ask({ query: "query Ok { ok }", operationName: "Ok" });
      expect(answered.headers.get("access-control-allow-origin")).toBe("*");
      await ask({ query: "query Broken { nope }", operationName: "Broken" });

      const scraped = await fetch(running.url.replace(/graphql$/, "metrics"), { headers: { origin: "https://elsewhere.example" } });
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get("content-type")).toBe(metrics.contentType);
      expect(scraped.headers.get("access-control-allow-origin")).toBeNull();
      expect(scraped.headers.get("cache-control")).toBe("no-store");
      const text = await scraped.text();
      expect(metricValue(text, 'oa_graphql_request_duration_seconds_count{operation="Ok",outcome="ok",service="test"}')).toBe(1);
      expect(metricValue(text, 'oa_graphql_request_duration_seconds_count{operation="Broken",outcome="GRAPHQL_VALIDATION_FAILED",service="test"}')).toBe(1);
      const preflight = await fetch(running.url.replace(/graphql$/, "metrics"), {
        method: "OPTIONS",
        headers: { origin: "https://elsewhere.example", "access-control-request-method": "GET" },
      });
      expect(preflight.status).toBe(405);
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await running.close();
    }
  });

  it("has no /metrics when metrics are off", async () => {
    const running = await start({ metrics: null });
    try {
      expect((await fetch(running.url.replace(/graphql$/, "metrics"))).status).toBe(404);
    } finally {
      await running.close();
    }
  });

  it("answers with the request's id, the caller's when sane, and logs it on the request's lines", async () => {
    const logLines: string[] = [];
    const running = await start({ metrics: null, logLines });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(running.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ ok }" }) });
      expect((await post({ "x-request-id": "from-the-caller-1" })).headers.get("x-request-id")).toBe("from-the-caller-1");
      const made = (await post({ "x-request-id": "not sane: has spaces" })).headers.get("x-request-id");
      expect(made).toMatch(/^[0-9a-f-]{36}$/);
      const served = logLines.map((line) => JSON.parse(line)).filter((line) => line.message === "request served");
      expect(served.map((line) => line.requestId)).toEqual(["from-the-caller-1", made]);
      expect(served[0]).toMatchObject({ outcome: "ok", status: 200 });
    } finally {
      await running.close();
    }
  });
});
