import type { IncomingMessage } from "node:http";
import { ApolloServer } from "@apollo/server";
import { buildSchema, graphql } from "graphql";
import { metricsOfService, ServiceMetrics } from "./metrics";
import { countMutationResults } from "./mutation-results";
import { metricValue } from "./testing";
import { openRequestScope, runInRequestScope } from "./request-scope";

const inScopeOf = <T>(metrics: ServiceMetrics | null, run: () => Promise<T>) => runInRequestScope(openRequestScope({ headers: {} } as IncomingMessage, metrics), run);

describe("ServiceMetrics", () => {
  it("labels every series with its service, and keeps what callers name few", async () => {
    const metrics = new ServiceMetrics("gateway", { processMetrics: false });
    metrics.requestServed("Snapshot", "ok", 0.012);
    for (let i = 0; i < 250; i++) metrics.requestServed(`Op${i}`, "ok", 0.001);
    metrics.requestServed("not a name {", "ok", 0.001);
    metrics.requestServed(undefined, "PAYLOAD_TOO_LARGE", 0.001);
    const text = await metrics.exposition();
    expect(metricValue(text, 'oa_graphql_request_duration_seconds_count{operation="Snapshot",outcome="ok",service="gateway"}')).toBe(1);
    expect(metricValue(text, 'oa_graphql_request_duration_seconds_bucket{le="0.025",operation="Snapshot",outcome="ok",service="gateway"}')).toBe(1);
    // 200 names are kept (Snapshot and 199 more), the rest and anything that is no name count as "other".
    expect(metricValue(text, 'oa_graphql_request_duration_seconds_count{operation="other",outcome="ok",service="gateway"}')).toBe(250 - 199 + 1);
    expect(metricValue(text, 'oa_graphql_request_duration_seconds_count{operation="(none)",outcome="PAYLOAD_TOO_LARGE",service="gateway"}')).toBe(1);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("is off with METRICS_ENABLED=false, and refuses a value that is neither", () => {
    expect(metricsOfService("identity", { METRICS_ENABLED: "false" })).toBeNull();
    expect(metricsOfService("identity", {})).toBeInstanceOf(ServiceMetrics);
    expect(() => metricsOfService("identity", { METRICS_ENABLED: "no" })).toThrow('METRICS_ENABLED must be true or false, got "no"');
  });
});

describe("countMutationResults", () => {
  const schema = buildSchema(`
    type Query { ok: Boolean }
    type LoginSucceeded { token: String }
    type LoginRejected { code: String!, message: String }
    union LoginResult = LoginSucceeded | LoginRejected
    type SecurityCodeSent { destination: String }
    type Mutation { login(fail: Boolean, locked: Boolean): LoginResult!, sendSecurityCode: SecurityCodeSent!, logout: Boolean! }
  `);
  (schema.getType("LoginResult") as unknown as { resolveType: (value: { kind: string }) => string }).resolveType = (value) => value.kind;
  const rootValue = {
    login: ({ fail, locked }: { fail?: boolean; locked?: boolean }) => {
      if (fail) throw new Error("boom");
      return locked ? { kind: "LoginRejected", code: "ACCOUNT_LOCKED", message: "Locked." } : { kind: "LoginSucceeded", token: "t", code: "123456" };
    },
    sendSecurityCode: () => ({ destination: "***-0111" }),
    logout: () => true,
  };
  countMutationResults(schema);
  countMutationResults(schema); // wrapped once, however often asked

  it("counts each root mutation's result, logins, and codes sent, without touching queries", async () => {
    const metrics = new ServiceMetrics("identity", { processMetrics: false });
    await inScopeOf(metrics, async () => {
      for (const source of [
        "mutation { login(locked: true) { __typename } }",
        "mutation { login(locked: true) { __typename } }",
        "mutation { login { __typename } }",
        "mutation { login(fail: true) { __typename } }",
        "mutation { sendSecurityCode { destination } logout }",
        "{ ok }",
      ]) {
        await graphql({ schema, source, rootValue });
      }
    });
    // Outside a request nothing is counted (and nothing fails).
    expect((await graphql({ schema, source: "mutation { logout }", rootValue })).data).toEqual({ logout: true });
    const text = await metrics.exposition();
    expect(metricValue(text, 'oa_logins_total{outcome="LoginRejected:ACCOUNT_LOCKED",service="identity"}')).toBe(2);
    // A code that is no enum value (here a six-digit one) never becomes a label.
    expect(metricValue(text, 'oa_logins_total{outcome="LoginSucceeded",service="identity"}')).toBe(1);
    expect(metricValue(text, 'oa_logins_total{outcome="error",service="identity"}')).toBe(1);
    expect(metricValue(text, 'oa_security_codes_sent_total{service="identity"}')).toBe(1);
    expect(metricValue(text, 'oa_mutation_results_total{mutation="logout",result="ok",service="identity"}')).toBe(1);
    expect(text).not.toContain("123456");
  });

  it("leaves a server's answers as they were", async () => {
    const server = new ApolloServer({ schema, rootValue });
    await server.start();
    try {
      const response = await server.executeOperation({ query: "mutation { login(locked: true) { ... on LoginRejected { code message } } }" });
      expect(response.body.kind === "single" && response.body.singleResult.data).toEqual({ login: { code: "ACCOUNT_LOCKED", message: "Locked." } });
    } finally {
      await server.stop();
    }
  });
});
