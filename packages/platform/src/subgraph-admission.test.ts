import type { IncomingMessage } from "node:http";
import { CredentialNonces } from "./credential-nonces";
import { type ForwardedSession, GATEWAY_CREDENTIAL_HEADER, signGatewayCredential } from "./gateway-credential";
import { HttpError } from "./http-service";
import { createLogger } from "./logger";
import { closeRedis, createRedis } from "./redis";
import { SessionStore, sessionLifetimes } from "./sessions";
import { createSubgraphAdmission } from "./subgraph-admission";
import { testSettings } from "./testing";

const QUERY = JSON.stringify({ query: "{ me { id } }" });
const MUTATION = JSON.stringify({ query: 'mutation { removeDevice(id: "d-1") { __typename } }' });

describe("admitting a request to a subgraph", () => {
  const settings = testSettings();
  const redis = createRedis(settings, "admission-test");
  const sessions = new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings));
  const nonces = new CredentialNonces(redis, settings.redisKeyPrefix, "device-trust");
  const admit = createSubgraphAdmission({ audience: "device-trust", secret: settings.gatewaySecret, sessions, nonces, logger: createLogger("silent") });

  afterAll(async () => {
    const keys = await redis.keys(`${settings.redisKeyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  /** A request as the subgraph's HTTP layer receives it, signed for exactly this body. */
  function signedRequest(body: string, session: ForwardedSession | null): IncomingMessage {
    const header = signGatewayCredential(
      settings.gatewaySecret,
      { caller: "gateway", session, clientIp: null, purpose: null },
      { audience: "device-trust", method: "POST", path: "/graphql", body },
    );
    return { method: "POST", url: "/graphql", headers: { [GATEWAY_CREDENTIAL_HEADER]: header } } as unknown as IncomingMessage;
  }

  const liveSession = async () => (await sessions.create({ userId: "u-1", customerId: "c-1", deviceId: null })).session;
  const statusOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 200,
      (error: unknown) => (error instanceof HttpError ? error.status : 500),
    );

  it("refuses a request whose credential was made for another body (401)", async () => {
    expect(await statusOf(admit(signedRequest(QUERY, null), MUTATION))).toBe(401);
  });

  it("keeps a live session, for a query and a mutation alike", async () => {
    const session = await liveSession();
    expect((await admit(signedRequest(QUERY, session), QUERY)).session).toEqual(session);
    expect((await admit(signedRequest(MUTATION, session), MUTATION)).session).toEqual(session);
  });

  it("runs a mutation without its session once that was revoked; a query keeps it for the credential's seconds", async () => {
    const session = await liveSession();
    await sessions.revoke(session.id);
    expect((await admit(signedRequest(MUTATION, session), MUTATION)).session).toBeNull();
    expect((await admit(signedRequest(QUERY, session), QUERY)).session).toEqual(session);
  });

  it("drops a session whose expiresAt is past, for a query too", async () => {
    const session = { ...(await liveSession()), expiresAt: new Date(Date.now() - 1).toISOString() };
    expect((await admit(signedRequest(QUERY, session), QUERY)).session).toBeNull();
  });

  it("accepts a mutation's credential once (401 after), a query's as often as its seconds allow", async () => {
    const mutation = signedRequest(MUTATION, null);
    await admit(mutation, MUTATION);
    expect(await statusOf(admit(mutation, MUTATION))).toBe(401);
    const query = signedRequest(QUERY, null);
    await admit(query, QUERY);
    expect(await statusOf(admit(query, QUERY))).toBe(200);
  });

  it("treats what it cannot tell from a query as a write: once only", async () => {
    const junk = "{not json";
    const request = signedRequest(junk, null);
    await admit(request, junk);
    expect(await statusOf(admit(request, junk))).toBe(401);
  });

  it("answers 503 when Redis cannot say whether the session is live", async () => {
    const down = createSubgraphAdmission({
      audience: "device-trust",
      secret: settings.gatewaySecret,
      sessions: { isLive: () => Promise.reject(new Error("connection refused")) } as unknown as SessionStore,
      nonces,
      logger: createLogger("silent"),
    });
    expect(await statusOf(down(signedRequest(MUTATION, await liveSession()), MUTATION))).toBe(503);
  });
});
