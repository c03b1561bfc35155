import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { context, propagation, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { GATEWAY_CREDENTIAL_HEADER, type GatewayCredential } from "./gateway-credential";
import { InternalClient } from "./internal-client";
import { createLogger } from "./logger";
import { ServiceMetrics } from "./metrics";
import { openRequestScope, runInRequestScope } from "./request-scope";
import { deadPort, metricValue } from "./testing";
import { credentialOfRequest } from "./subgraph-context";

const SECRET = "a-test-secret-of-at-least-32-characters";

describe("an internal call", () => {
  let server: Server;
  let url: string;
  const received: { credential: GatewayCredential | null; body: string; header: string; traceparent?: string; requestId?: string }[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        received.push({
          credential: credentialOfRequest(SECRET, "device-trust", request, body),
          body,
          header: String(request.headers[GATEWAY_CREDENTIAL_HEADER]),
          traceparent: request.headers.traceparent as string | undefined,
          requestId: request.headers["x-request-id"] as string | undefined,
        });
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
    await expect(client("device-trust").request('{ trustedDevice(userId: 1, deviceToken: "x") registerDevice }', {})).rejects.toThrow(/one root field/);
    expect(received).toEqual([]);
  });

  it("carries the request's id, and no trace context while tracing is off", async () => {
    received.length = 0;
    const scope = openRequestScope({ headers: { "x-request-id": "req-7" } } as unknown as IncomingMessage, null);
    await runInRequestScope(scope, () => client("device-trust").request(QUERY, { u: "u-1", t: "token" }));
    expect(received[0]).toMatchObject({ requestId: "req-7", traceparent: undefined });
  });

  it("carries the trace context of the calling request in a client span of its own, when tracing", async () => {
    // What tracing.ts registers when OTEL_* asks for tracing (context manager, W3C propagator), with spans kept in memory.
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    try {
      received.length = 0;
      const parent = trace.getTracer("test").startSpan("serving a login");
      await context.with(trace.setSpan(context.active(), parent), () => client("device-trust").request(QUERY, { u: "u-1", t: "token" }));
      parent.end();
      const [call] = exporter.getFinishedSpans().filter((span) => span.name === "device-trust trustedDevice");
      expect(call.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(received[0].traceparent).toBe(`00-${parent.spanContext().traceId}-${call.spanContext().spanId}-01`);
    } finally {
      trace.disable();
      context.disable();
      propagation.disable();
      await provider.shutdown();
    }
  });

  it("counts a service that does not answer as a dependency error of the caller", async () => {
    const metrics = new ServiceMetrics("identity", { processMetrics: false });
    const dead = new InternalClient({
      caller: "identity",
      audience: "device-trust",
      url: `http://127.0.0.1:${await deadPort()}/graphql`,
      secret: SECRET,
      logger: createLogger("silent"),
    });
    const scope = openRequestScope({ headers: {} } as unknown as IncomingMessage, metrics);
    await expect(runInRequestScope(scope, () => dead.request(QUERY, { u: "u-1", t: "token" }))).rejects.toThrow("The service is unavailable");
    expect(metricValue(await metrics.exposition(), 'oa_dependency_errors_total{dependency="device-trust",service="identity"}')).toBe(1);
  });
});
