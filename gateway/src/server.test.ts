import { DEFAULT_OPERATION_LIMITS } from "./operation-limits";
import { createHash, randomBytes } from "node:crypto";
import { composeServices } from "@apollo/composition";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import {
  closeRedis,
  createLogger,
  createRedis,
  type ForwardedSession,
  GATEWAY_CREDENTIAL_HEADER,
  type GatewayCredential,
  maskErrors,
  type RedisClient,
  requireGatewayCredential,
  type RunningService,
  SessionStore,
  sessionLifetimes,
  type Settings,
  signGatewayCredential,
  startHttpService,
  unauthenticated,
} from "@oa/platform";
import { deadPort, postGraphQL, testSettings } from "@oa/platform/testing";
import { getIntrospectionQuery, parse } from "graphql";
import Redis from "ioredis";
import { createGateway, type Gateway } from "./server";

// Two small real subgraphs, composed here, stand in for the real ones: the gateway is tested on
// what it does itself (sessions, credential, limits, errors, pool, readiness), not on the domain.

interface TestSubgraphContext {
  credential: GatewayCredential;
  /** The names of the headers the subgraph received. */
  headers: string[];
}

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])`;

const identityTypeDefs = parse(`${LINK}
  type Query { me: User  seen: Seen!  link: Link! }
  type Link { depth: Int!  next: Link! }
  type Seen { caller: String!  clientIp: String  sessionUserId: String  headers: [String!]! }
  type User @key(fields: "id") { id: ID!  username: String! }
  type LoginResult { ok: Boolean! }
  type Mutation {
    login(username: String!): LoginResult!
    sendSecurityCode(challengeId: ID!): Boolean!
    logout: Boolean!
    explode: Boolean!
  }
`);

const identityResolvers = {
  Query: {
    me: (_: unknown, __: unknown, { credential }: TestSubgraphContext) =>
      credential.session ? { id: credential.session.userId, username: `user-${credential.session.userId}` } : null,
    seen: (_: unknown, __: unknown, { credential, headers }: TestSubgraphContext) => ({
      caller: credential.caller,
      clientIp: credential.clientIp,
      sessionUserId: credential.session?.userId ?? null,
      headers,
    }),
    link: () => ({ depth: 0 }),
  },
  Link: { next: (parent: { depth: number }) => ({ depth: parent.depth + 1 }) },
  Mutation: {
    login: () => ({ ok: true }),
    sendSecurityCode: () => true,
    logout: (_: unknown, __: unknown, { credential }: TestSubgraphContext) => {
      if (!credential.session) throw unauthenticated();
      return true;
    },
    explode: () => {
      throw new Error('relation "identity.users" does not exist: SELECT password_hash FROM identity.users');
    },
  },
};

const deviceTrustTypeDefs = parse(`${LINK}
  type User @key(fields: "id") { id: ID!  devices: [String!]! }
`);

const deviceTrustResolvers = {
  User: {
    __resolveReference: (reference: { id: string }, { credential }: TestSubgraphContext) => ({
      id: reference.id,
      // Only the session's own user has devices: shows the session reached this subgraph too.
      devices: credential.session?.userId === reference.id ? [`phone of ${reference.id}`] : [],
    }),
  },
};

interface TestSubgraph {
  running: RunningService;
  /** New TCP connections and requests the subgraph's server has seen. */
  counts: { connections: number; requests: number };
  /** Every request it accepted: the verified credential, the header as sent and the body. */
  accepted: { credential: GatewayCredential; header: string; body: string }[];
}

async function startTestSubgraph(name: string, settings: Settings, typeDefs: ReturnType<typeof parse>, resolvers: object): Promise<TestSubgraph> {
  const logger = createLogger("silent");
  const apollo = new ApolloServer<TestSubgraphContext>({
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }),
    formatError: maskErrors(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  const accepted: TestSubgraph["accepted"] = [];
  const running = await startHttpService<TestSubgraphContext>({
    name,
    port: 0,
    host: "127.0.0.1",
    apollo,
    logger,
    context: async (request, body) => {
      const credential = requireGatewayCredential(settings.gatewaySecret, name, request, body);
      accepted.push({ credential, header: String(request.headers[GATEWAY_CREDENTIAL_HEADER]), body });
      return { credential, headers: Object.keys(request.headers) };
    },
    readiness: {},
  });
  const counts = { connections: 0, requests: 0 };
  running.server.on("connection", () => (counts.connections += 1));
  running.server.on("request", () => (counts.requests += 1));
  return { running, counts, accepted };
}

/** A URL where nothing listens: a port the system gave out and that was closed again. */
async function deadUrl(): Promise<string> {
  return `http://127.0.0.1:${await deadPort()}/graphql`;
}

function compose(urls: { identity: string; deviceTrust: string }): string {
  const result = composeServices([
    { name: "identity", url: urls.identity, typeDefs: identityTypeDefs },
    { name: "device-trust", url: urls.deviceTrust, typeDefs: deviceTrustTypeDefs },
  ]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join("\n"));
  return result.supergraphSdl;
}

const json = { "content-type": "application/json" };
const bearer = (token: string) => ({ ...json, authorization: `Bearer ${token}` });

describe("gateway", () => {
  const settings = testSettings();
  let identity: TestSubgraph;
  let deviceTrust: TestSubgraph;
  let supergraphSdl: string;
  let gateway: Gateway;
  let url: string;
  let redis: RedisClient;
  let sessions: SessionStore;
  const opened: ForwardedSession[] = [];

  async function signIn(userId: string): Promise<string> {
    const { accessToken, session } = await sessions.create({ userId, customerId: `customer-${userId}`, deviceId: null });
    opened.push(session);
    return accessToken;
  }

  beforeAll(async () => {
    identity = await startTestSubgraph("identity", settings, identityTypeDefs, identityResolvers);
    deviceTrust = await startTestSubgraph("device-trust", settings, deviceTrustTypeDefs, deviceTrustResolvers);
    // Composed with URLs where nothing runs: the settings must route the gateway to the real ones.
    supergraphSdl = compose({ identity: await deadUrl(), deviceTrust: await deadUrl() });
    Object.assign(settings, { identityUrl: identity.running.url, deviceTrustUrl: deviceTrust.running.url });
    gateway = createGateway(settings, { supergraphSdl });
    url = (await gateway.listen(0, "127.0.0.1")).url;
    redis = createRedis(settings, "gateway-test");
    sessions = new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings));
  });

  afterAll(async () => {
    await gateway?.close();
    for (const session of opened) await sessions.revoke(session.id);
    await closeRedis(redis);
    await identity?.running.close();
    await deviceTrust?.running.close();
  });

  describe("sessions and the gateway credential", () => {
    it("answers me: null without a token, and signs every fetch as the gateway with the client's address", async () => {
      const { status, body } = await postGraphQL(url, "{ me { id } seen { caller clientIp sessionUserId } }");
      expect(status).toBe(200);
      expect(body).toEqual({ data: { me: null, seen: { caller: "gateway", clientIp: "127.0.0.1", sessionUserId: null } } });
    });

    it("forwards the bearer token's session to every subgraph of the plan", async () => {
      const token = await signIn("u-1");
      const { body } = await postGraphQL(url, "{ me { id username devices } }", {}, bearer(token));
      expect(body).toEqual({ data: { me: { id: "u-1", username: "user-u-1", devices: ["phone of u-1"] } } });
    });

    it("signs each subgraph fetch for its own subgraph and body, never one credential for the request", async () => {
      const token = await signIn("u-5");
      identity.accepted.length = 0;
      deviceTrust.accepted.length = 0;
      await postGraphQL(url, "{ me { id devices } }", {}, bearer(token));
      const [toIdentity] = identity.accepted;
      const [toDeviceTrust] = deviceTrust.accepted;
      expect(toIdentity.credential).toMatchObject({ caller: "gateway", audience: "identity", purpose: null, session: { userId: "u-5" }, clientIp: "127.0.0.1" });
      expect(toDeviceTrust.credential).toMatchObject({ caller: "gateway", audience: "device-trust", purpose: null, session: { userId: "u-5" } });
      expect(toIdentity.credential.nonce).not.toBe(toDeviceTrust.credential.nonce);
      expect(toIdentity.header).not.toContain(token);
      // Each is good for its own fetch only: sent to the other subgraph, or with another body, it is refused.
      const replay = (target: TestSubgraph, header: string, body: string) =>
        fetch(target.running.url, { method: "POST", headers: { ...json, [GATEWAY_CREDENTIAL_HEADER]: header }, body }).then((response) => response.status);
      expect(await replay(deviceTrust, toIdentity.header, toIdentity.body)).toBe(401);
      expect(await replay(identity, toIdentity.header, toIdentity.body.replace("me", "seen"))).toBe(401);
      expect(await replay(identity, toIdentity.header, toIdentity.body)).toBe(200);
    });

    it("answers me: null for an unknown, a malformed or a revoked token", async () => {
      const unknown = randomBytes(32).toString("base64url");
      for (const authorization of [`Bearer ${unknown}`, "Bearer", "Bearer not a token", "Basic dXNlcjpwYXNzd29yZA==", "Bearer ../../etc"]) {
        const { status, body } = await postGraphQL(url, "{ me { id } }", {}, { ...json, authorization });
        expect({ authorization, status, body }).toEqual({ authorization, status: 200, body: { data: { me: null } } });
      }
      const token = await signIn("u-2");
      expect((await postGraphQL(url, "{ me { id } }", {}, bearer(token))).body).toEqual({ data: { me: { id: "u-2" } } });
      await sessions.revoke(opened[opened.length - 1].id);
      expect((await postGraphQL(url, "{ me { id } }", {}, bearer(token))).body).toEqual({ data: { me: null } });
    });

    it("never lets a client's own x-oa-gateway (even one signed with the real secret) or other headers through", async () => {
      const forged = signGatewayCredential(
        settings.gatewaySecret,
        {
          caller: "gateway",
          session: { id: "x", userId: "victim", customerId: "c", deviceId: null, expiresAt: new Date(Date.now() + 60_000).toISOString() },
          clientIp: "10.9.9.9",
          purpose: null,
        },
        { audience: "identity", method: "POST", path: "/graphql", body: JSON.stringify({ query: "{ me { id } seen { clientIp sessionUserId headers } }", variables: {} }) },
      );
      const anonymous = await postGraphQL(
        url,
        "{ me { id } seen { clientIp sessionUserId headers } }",
        {},
        {
          ...json,
          [GATEWAY_CREDENTIAL_HEADER]: forged,
          cookie: "session=stolen",
          "x-custom": "1",
        },
      );
      expect(anonymous.body.data).toMatchObject({ me: null, seen: { clientIp: "127.0.0.1", sessionUserId: null } });
      const seenHeaders = (anonymous.body.data as { seen: { headers: string[] } }).seen.headers;
      expect(seenHeaders).toContain(GATEWAY_CREDENTIAL_HEADER);
      // The claims the gateway hands its fetcher to sign never leave it unsigned.
      expect(seenHeaders).not.toContain("x-oa-gateway-claims");
      expect(seenHeaders).not.toEqual(expect.arrayContaining(["cookie"]));
      expect(seenHeaders).not.toEqual(expect.arrayContaining(["x-custom"]));

      const token = await signIn("u-3");
      const signedIn = await postGraphQL(url, "{ me { id } seen { headers } }", {}, { ...bearer(token), [GATEWAY_CREDENTIAL_HEADER]: forged });
      expect(signedIn.body.data).toMatchObject({ me: { id: "u-3" } });
      expect((signedIn.body.data as { seen: { headers: string[] } }).seen.headers).not.toContain("authorization");
    });
  });

  describe("errors", () => {
    it("passes UNAUTHENTICATED through for logout without a session, and nothing of the subgraph's internals", async () => {
      const { status, body } = await postGraphQL(url, "mutation { logout }");
      expect(status).toBe(200);
      expect(body.errors).toEqual([{ message: "You need to sign in for this.", path: ["logout"], extensions: { code: "UNAUTHENTICATED" } }]);
      const token = await signIn("u-4");
      expect((await postGraphQL(url, "mutation { logout }", {}, bearer(token))).body).toEqual({ data: { logout: true } });
    });

    it("masks an unexpected subgraph error: no SQL, table or stack reaches the client", async () => {
      const { body } = await postGraphQL(url, "mutation { explode }");
      const text = JSON.stringify(body);
      expect(body.errors?.[0].extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
      expect(text).not.toMatch(/SELECT|identity\.users|password_hash|stack|at .*\.ts/);
    });

    it("answers SERVICE_UNAVAILABLE, not a connection error, when a subgraph is down", async () => {
      const down = createGateway({ ...settings, deviceTrustUrl: await deadUrl() }, { supergraphSdl });
      const running = await down.listen(0, "127.0.0.1");
      try {
        const token = await signIn("u-5");
        const { status, body } = await postGraphQL(running.url, "{ me { id devices } }", {}, bearer(token));
        expect(status).toBe(200);
        expect(body.errors).toEqual([{ message: "The service is unavailable. Please try again shortly.", extensions: { code: "SERVICE_UNAVAILABLE" } }]);
        expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);

        const ready = await fetch(running.url.replace("/graphql", "/readyz"));
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({
          status: "unavailable",
          checks: { redis: "up", identity: "up", "device-trust": "down" },
          down: ["device-trust"],
        });
      } finally {
        await down.close();
      }
    });

    it("answers 503 SERVICE_UNAVAILABLE when the session cannot be looked up", async () => {
      const deadRedis = new Redis(Number(new URL(await deadUrl()).port), "127.0.0.1", { maxRetriesPerRequest: 1, disconnectTimeout: 10 });
      deadRedis.on("error", () => undefined);
      const noRedis = createGateway(settings, { supergraphSdl, redis: deadRedis });
      const running = await noRedis.listen(0, "127.0.0.1");
      try {
        const token = randomBytes(32).toString("base64url");
        const { status, body } = await postGraphQL(running.url, "{ me { id } }", {}, bearer(token));
        expect(status).toBe(503);
        expect(body.errors?.[0].extensions).toEqual({ code: "SERVICE_UNAVAILABLE" });
        const ready = await fetch(running.url.replace("/graphql", "/readyz"));
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ down: ["redis"] });
      } finally {
        await noRedis.close();
        deadRedis.disconnect();
      }
    });
  });

  describe("bad requests", () => {
    it("answers 413 to a 150 KB body", async () => {
      const query = `{ me { id } } # ${"x".repeat(150 * 1024)}`;
      const { status, body } = await postGraphQL(url, query);
      expect(status).toBe(413);
      expect(body.errors?.[0].extensions).toEqual({ code: "PAYLOAD_TOO_LARGE" });
    });

    it("answers 400 to a body that is not JSON", async () => {
      const response = await fetch(url, { method: "POST", headers: json, body: '{"query": "{ me { id } }"' });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
    });

    it("answers 400 to a batch (a JSON array of operations)", async () => {
      const batch = [{ query: "{ me { id } }" }, { query: "{ me { id } }" }];
      const response = await fetch(url, { method: "POST", headers: json, body: JSON.stringify(batch) });
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain('"data"');
    });

    it("refuses aliases of login with 400 GRAPHQL_VALIDATION_FAILED, before any subgraph sees them", async () => {
      const before = identity.counts.requests;
      const { status, body } = await postGraphQL(url, 'mutation { a: login(username: "x") { ok } b: login(username: "y") { ok } }');
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        {
          message: 'The operation has "login" 2 times; it may appear only once per operation, aliases included.',
          locations: [{ line: 1, column: 1 }],
          extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
        },
      ]);
      expect(identity.counts.requests).toBe(before);
      const both = await postGraphQL(url, 'mutation { login(username: "x") { ok } sendSecurityCode(challengeId: "c") }');
      expect(both).toEqual({ status: 200, body: { data: { login: { ok: true }, sendSecurityCode: true } } });
    });

    it("refuses a document nested too deep, and one with too many aliases", async () => {
      // link { next { ... { depth } } }: `levels` fields deep in all.
      const linked = (levels: number) => `{ link { ${"next { ".repeat(levels - 2)}depth${" }".repeat(levels - 2)} } }`;
      const max = DEFAULT_OPERATION_LIMITS.maxDepth;
      const deepest = await postGraphQL(url, linked(max));
      expect(deepest.status).toBe(200);
      expect(JSON.stringify(deepest.body)).toContain(`"depth":${max - 2}`);
      const tooDeep = await postGraphQL(url, linked(max + 1));
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.body.errors?.[0]).toMatchObject({
        message: `The operation nests fields ${max + 1} levels deep; at most ${max} are allowed.`,
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      });

      const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ");
      const { status, body } = await postGraphQL(url, `{ me { ${aliases} } }`);
      expect(status).toBe(400);
      expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining("31 aliases"), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    });

    it("answers a plain GET query (bearer tokens only, so no CSRF preflight is needed) but no GET mutation", async () => {
      const response = await fetch(`${url}?query=${encodeURIComponent("{ me { id } }")}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { me: null } });
      const mutation = await fetch(`${url}?query=${encodeURIComponent("mutation { __typename }")}`);
      expect(mutation.status).toBe(405);
    });

    it("answers a CORS preflight for any origin, without credentials", async () => {
      const response = await fetch(url, {
        method: "OPTIONS",
        headers: { origin: "https://app.example.com", "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    });

    it("refuses a subscription, which this API does not have, with 400", async () => {
      const { status, body } = await postGraphQL(url, "subscription { me { id } }");
      expect(status).toBe(400);
      expect(body.errors?.[0]).toMatchObject({ message: "This API has no subscription operations.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    });

    it("looks a persisted-query hash up among the trusted documents only: an unknown one is 400 PERSISTED_QUERY_NOT_FOUND, never registered", async () => {
      // Was: every persisted query refused (PERSISTED_QUERY_NOT_SUPPORTED). The contract now has
      // clients send trusted documents by hash; outside TRUSTED_DOCUMENTS_ONLY any text still runs.
      const query = "{ me { id } }";
      const rightHash = createHash("sha256").update(query).digest("hex");
      const post = (body: object) => fetch(url, { method: "POST", headers: json, body: JSON.stringify(body) });
      const unknown = [
        await post({ extensions: { persistedQuery: { version: 1, sha256Hash: rightHash } } }),
        await fetch(`${url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: rightHash } }))}`),
      ];
      for (const response of unknown) {
        expect(response.status).toBe(400);
        const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: object }[] };
        expect(body.data).toBeUndefined();
        expect(body.errors).toEqual([{ message: expect.stringContaining("send the document's full text"), extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }]);
      }
      // A hash that is not its text's is refused; the text with its own hash runs, and is not remembered.
      const wrong = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).not.toHaveProperty("data");
      const withText = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: rightHash } } });
      expect(withText.status).toBe(200);
      expect(await withText.json()).toEqual({ data: { me: null } });
      expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash: rightHash } } })).status).toBe(400);
    });

    it("refuses NUL characters in variables and in string literals with 400", async () => {
      const inVariables = await postGraphQL(url, "mutation ($name: String!) { login(username: $name) { ok } }", { name: "a\u0000b" });
      const inLiteral = await postGraphQL(url, 'mutation { login(username: "a\\u0000b") { ok } }');
      for (const { status, body } of [inVariables, inLiteral]) {
        expect(status).toBe(400);
        expect(body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      }
    });
  });

  describe("connections", () => {
    it("reuses pooled keep-alive connections to a subgraph across requests", async () => {
      await postGraphQL(url, "{ seen { caller } }");
      const before = { ...identity.counts };
      for (let i = 0; i < 10; i += 1) {
        const { body } = await postGraphQL(url, "{ seen { caller } }");
        expect(body).toEqual({ data: { seen: { caller: "gateway" } } });
      }
      expect(identity.counts.requests - before.requests).toBe(10);
      expect(identity.counts.connections - before.connections).toBe(0);
    });
  });

  describe("outside production", () => {
    it("serves Apollo Sandbox to a browser on GET /graphql", async () => {
      const response = await fetch(url, { headers: { accept: "text/html" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      const html = await response.text();
      expect(html).toContain("embeddable-sandbox");
      // Offline, Sandbox cannot load from Apollo's CDN: its note links the local explorer, served here.
      expect(html).toMatch(/<p id="local-explorer">[^<]*<a href="\/graphiql">local explorer<\/a>/);
      const explorer = await fetch(url.replace("/graphql", "/graphiql"));
      expect(explorer.status).toBe(200);
      expect(await explorer.text()).toContain('<script src="/graphiql/graphiql.min.js"></script>');
      for (const file of ["graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "explorer.js"]) {
        expect({ file, status: (await fetch(url.replace("/graphql", `/graphiql/${file}`))).status }).toEqual({ file, status: 200 });
      }
    });

    it("answers the standard introspection query", async () => {
      const { status, body } = await postGraphQL<{ __schema: { types: { name: string }[] } }>(url, getIntrospectionQuery());
      expect(status).toBe(200);
      expect(body.data?.__schema.types.map((type) => type.name)).toEqual(expect.arrayContaining(["User", "Seen"]));
    });

    it("answers /healthz, and /readyz with 200 when Redis and every subgraph are ready", async () => {
      const base = url.replace("/graphql", "");
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "ready", checks: { redis: "up", identity: "up", "device-trust": "up" } });
    });
  });

  describe("in production", () => {
    it("serves no Sandbox and answers no introspection", async () => {
      const production = createGateway({ ...settings, nodeEnv: "production", production: true }, { supergraphSdl });
      const running = await production.listen(0, "127.0.0.1");
      try {
        const page = await fetch(running.url, { headers: { accept: "text/html" } });
        expect(await page.text()).not.toContain("sandbox");
        expect((await fetch(running.url.replace("/graphql", "/graphiql"))).status).toBe(404);
        const { status, body } = await postGraphQL(running.url, "{ __schema { types { name } } }");
        expect(status).toBe(400);
        expect(body.errors?.[0].extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
        const typo = await postGraphQL(running.url, "{ mee { id } }");
        expect(typo.body.errors?.[0].message).not.toContain("Did you mean");
      } finally {
        await production.close();
      }
    });

    it("refuses to serve the web page", () => {
      const pages = new Map([["/app/", { contentType: "text/html", body: "<!doctype html>", contentSecurityPolicy: "default-src 'none'" }]]);
      expect(() => createGateway({ ...settings, nodeEnv: "production", production: true }, { supergraphSdl, pages })).toThrow(
        "the web page is served in development only, never in production",
      );
    });
  });
});
