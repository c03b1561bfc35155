import type { IncomingMessage } from "node:http";
import { CredentialNonces } from "./credential-nonces";
import { type CredentialClaims, GATEWAY_CREDENTIAL_HEADER, signGatewayCredential } from "./gateway-credential";
import { HttpError } from "./http-service";
import { createLogger } from "./logger";
import { closeRedis, createRedis } from "./redis";
import { SessionStore, sessionLifetimes } from "./sessions";
import { createSubgraphAdmission } from "./subgraph-admission";
import { testSettings } from "./testing";

const UNLOCK = JSON.stringify({ query: 'mutation { supportUnlock(username: "dana") { unlocked } }' });
const EVENTS = JSON.stringify({ query: '{ supportSecurityEvents(username: "dana") { id } }' });

// identity's admission with the support desk as a field signer.
describe("admitting a field signer's credential", () => {
  const settings = testSettings();
  const redis = createRedis(settings, "field-signer-test");
  const sessions = new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings));
  const lines: string[] = [];
  const admit = createSubgraphAdmission({
    audience: "identity",
    secret: settings.gatewaySecret,
    sessions,
    nonces: new CredentialNonces(redis, settings.redisKeyPrefix, "identity"),
    logger: createLogger("warn", {}, (line) => lines.push(line)),
    fieldSigners: [{ caller: "support", secret: settings.supportSecret, fields: ["supportUnlock", "supportSecurityEvents"] }],
  });

  afterAll(async () => {
    const keys = await redis.keys(`${settings.redisKeyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  /** A request signed with `secret` for exactly `body` (or for `signedBody`, when given). */
  function request(secret: string, claims: Partial<CredentialClaims>, body: string, method = "POST"): IncomingMessage {
    const header = signGatewayCredential(
      secret,
      { caller: "support", session: null, clientIp: null, purpose: "supportUnlock", ...claims },
      { audience: "identity", method, path: "/graphql", body },
    );
    return { method, url: "/graphql", headers: { [GATEWAY_CREDENTIAL_HEADER]: header } } as unknown as IncomingMessage;
  }
  const statusOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 200,
      (error: unknown) => (error instanceof HttpError ? error.status : 500),
    );
  const support = (claims: Partial<CredentialClaims>, body: string) => statusOf(admit(request(settings.supportSecret, claims, body), body));

  it("admits the support desk for one of its fields, once per mutation credential", async () => {
    const unlock = request(settings.supportSecret, {}, UNLOCK);
    expect((await admit(unlock, UNLOCK)).caller).toBe("support");
    expect(await statusOf(admit(unlock, UNLOCK))).toBe(401);
    expect(await support({ purpose: "supportSecurityEvents" }, EVENTS)).toBe(200);
  });

  it("refuses the support secret for anything else: another field, two fields, a repeated alias, a session, another caller", async () => {
    const session = { id: "s", userId: "u", customerId: "c", deviceId: null, expiresAt: new Date(Date.now() + 60_000).toISOString() };
    const cases: [Partial<CredentialClaims>, string][] = [
      [{ purpose: "me" }, JSON.stringify({ query: "{ me { id } }" })],
      [{ purpose: "supportUnlock" }, JSON.stringify({ query: "{ me { id } }" })],
      [{}, JSON.stringify({ query: 'mutation { supportUnlock(username: "a") { unlocked } enroll { __typename } }' })],
      [{}, JSON.stringify({ query: 'mutation { a: supportUnlock(username: "a") { unlocked } b: supportUnlock(username: "b") { unlocked } }' })],
      [{}, JSON.stringify({ query: "mutation { ...F } fragment F on Mutation { supportUnlock { unlocked } }" })],
      [{ purpose: "_entities" }, JSON.stringify({ query: "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }" })],
      [{ session }, UNLOCK],
      [{ caller: "gateway", purpose: null }, UNLOCK],
      [{ caller: "identity" }, UNLOCK],
    ];
    for (const [claims, body] of cases) expect([body, claims, await support(claims, body)]).toEqual([body, claims, 401]);
  });

  it("refuses a support credential sent with another body, or as a GET", async () => {
    expect(await statusOf(admit(request(settings.supportSecret, {}, UNLOCK), EVENTS))).toBe(401);
    const query = '{ supportSecurityEvents(username: "dana") { id } }';
    const get = request(settings.supportSecret, { purpose: "supportSecurityEvents" }, "", "GET");
    (get as { url: string }).url = `/graphql?query=${encodeURIComponent(query)}`;
    expect(await statusOf(admit(get, ""))).toBe(401);
  });

  it("refuses the gateway's secret speaking as the support desk, and logs why without the body", async () => {
    lines.length = 0;
    expect(await statusOf(admit(request(settings.gatewaySecret, {}, UNLOCK), UNLOCK))).toBe(401);
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: "warn", message: "credential refused", caller: "support", reason: "caller" })]);
    expect(lines.join("")).not.toContain("dana");
    // The gateway's own credentials are admitted as before.
    expect(await statusOf(admit(request(settings.gatewaySecret, { caller: "gateway", purpose: null }, EVENTS), EVENTS))).toBe(200);
  });
});
