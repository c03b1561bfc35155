// Bad input at the edge: clear 4xx answers or typed rejections, never a 500 or a stack trace.
import { GATEWAY_CREDENTIAL_HEADER } from "@oa/platform";
import { testRecords } from "../support/fixtures";
import { TestSystem } from "../support/system";

describe("the edge", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({}, testRecords());
  });
  afterAll(() => system.stop());

  const raw = async (body: string, headers: Record<string, string> = { "content-type": "application/json" }) => {
    const response = await fetch(system.gatewayUrl, { method: "POST", headers, body });
    const text = await response.text();
    expect(text).not.toMatch(/\bat .*\.(js|ts):\d+/); // no stack trace
    expect(text).not.toMatch(/SELECT|INSERT|ECONNREFUSED/i);
    return { status: response.status, text };
  };

  it.each(Object.entries({ identity: 0, "device-trust": 0, "vehicle-account": 0 }))("subgraph %s refuses a request without the gateway's credential (401)", async (name) => {
    const url = system.subgraphUrls[name];
    const plain = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' });
    expect(plain.status).toBe(401);
    const forged = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: "v1.e30.AAAA" },
      body: '{"query":"{ __typename }"}',
    });
    expect(forged.status).toBe(401);
  });

  it("ignores a client's attempt to pass its own gateway credential", async () => {
    const { body } = await system.post({ query: "{ me { id } }" }, undefined, { [GATEWAY_CREDENTIAL_HEADER]: "v1.forged.forged" });
    expect(body).toEqual({ data: { me: null } });
  });

  it("answers malformed JSON with 400", async () => {
    expect((await raw("{not json")).status).toBe(400);
  });

  it("answers malformed GraphQL with 400", async () => {
    const { status, text } = await raw(JSON.stringify({ query: "query { me { id " }));
    expect(status).toBe(400);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("answers an unknown field with 400", async () => {
    const { status, text } = await raw(JSON.stringify({ query: "{ everybody { id } }" }));
    expect(status).toBe(400);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("answers a wrong variable type with a 4xx and BAD_USER_INPUT", async () => {
    const { status, text } = await raw(JSON.stringify({ query: "mutation ($id: ID!) { removeDevice(id: $id) { __typename } }", variables: { id: { nested: true } } }));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("answers an unknown operation name with 4xx", async () => {
    const { status } = await raw(JSON.stringify({ query: "query A { me { id } }", operationName: "B" }));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it("answers a body over 100 KB with 413", async () => {
    const { status } = await raw(JSON.stringify({ query: `{ me { id } } # ${"x".repeat(110 * 1024)}` }));
    expect(status).toBe(413);
  });

  it("refuses a deeply nested document", async () => {
    const ofTypes = (n: number): string => (n === 0 ? "name" : `ofType { ${ofTypes(n - 1)} }`);
    const deep = `{ __schema { types { fields { type { ${ofTypes(20)} } } } } }`;
    const { status } = await raw(JSON.stringify({ query: deep }));
    expect(status).toBe(400);
  });

  it.each(["login", "verifyStepUp", "enroll", "addVehicle"])("refuses many aliases of %s in one document", async (field) => {
    const args: Record<string, string> = {
      login: '(input: { username: "a.user", password: "x" }) { __typename }',
      verifyStepUp: '(input: { challengeId: "x", code: "123456" }) { __typename }',
      enroll: '(input: { accountType: BANK, taxId: "900100001", accountNumber: "1", username: "a", password: "b", securityAnswers: [] }) { __typename }',
      addVehicle: '(input: { accountNumber: "1" }) { __typename }',
    };
    const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: ${field}${args[field]}`).join(" ");
    const { status } = await raw(JSON.stringify({ query: `mutation { ${aliases} }` }));
    expect(status).toBe(400);
  });

  it("refuses a batch of operations in one request", async () => {
    const { status } = await raw(JSON.stringify([{ query: "{ me { id } }" }, { query: "{ me { id } }" }]));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it("answers /healthz and /readyz on the gateway", async () => {
    const base = system.gatewayUrl.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
  });

  it("answers a subscription, which the API does not have, with 400", async () => {
    const { status, text } = await raw(JSON.stringify({ query: "subscription { me { id } }" }));
    expect(status).toBe(400);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it.each([
    ["a variable", { query: "mutation ($i: LoginInput!) { login(input: $i) { __typename } }", variables: { i: { username: "ghost\u0000x", password: "whatever-password" } } }],
    ["a literal", { query: 'mutation { login(input: { username: "ghost\\u0000x", password: "whatever-password" }) { __typename } }' }],
  ])("answers a NUL character in %s with 400 BAD_USER_INPUT", async (_, body) => {
    const { status, text } = await raw(JSON.stringify(body));
    expect(status).toBe(400);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("answers a plain GET query, and a CORS preflight", async () => {
    const get = await fetch(`${system.gatewayUrl}?query=${encodeURIComponent("{ securityQuestionCatalog { id } }")}`);
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: { securityQuestionCatalog: unknown[] } }).data.securityQuestionCatalog.length).toBeGreaterThan(0);
    const preflight = await fetch(system.gatewayUrl, { method: "OPTIONS", headers: { origin: "https://www.example.com", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("treats a bogus bearer token as no session", async () => {
    const { body } = await system.post({ query: "{ me { id } }" }, "not-a-real-token");
    expect(body).toEqual({ data: { me: null } });
  });
});
