import { createTestDatabase, gatewayHeaders, postGraphQL, type TestDatabase, testSettings } from "@oa/platform/testing";
import type { ForwardedSession, RunningService, SubgraphService } from "@oa/platform";
import { createIdentityService } from "./server";
import { createTestLogin } from "./testing/test-logins";

const sessionOf = (userId: string, customerId = "C-1"): ForwardedSession => ({
  id: "s-1",
  userId,
  customerId,
  deviceId: null,
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
});

describe("identity subgraph service", () => {
  let database: TestDatabase;
  let service: SubgraphService;
  let running: RunningService;
  const settings = testSettings();

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await createIdentityService({ ...settings, databaseUrl: database.url });
    await service.migrate();
    running = await service.listen(0, "127.0.0.1");
  });

  afterAll(async () => {
    await service.close();
    await database.drop();
  });

  it("refuses a request without the gateway credential with 401", async () => {
    const { status } = await postGraphQL(running.url, "{ securityQuestionCatalog { id } }");
    expect(status).toBe(401);
  });

  it("refuses a credential signed with another secret", async () => {
    const forged = gatewayHeaders({ ...settings, gatewaySecret: "another-secret-of-at-least-32-characters!" }, "identity");
    const { status } = await postGraphQL(running.url, "{ securityQuestionCatalog { id } }", {}, forged);
    expect(status).toBe(401);
  });

  it("answers the catalog from the migrated database", async () => {
    const { status, body } = await postGraphQL<{ securityQuestionCatalog: { id: string; text: string }[] }>(
      running.url,
      "{ securityQuestionCatalog { id text } }",
      {},
      gatewayHeaders(settings, "identity"),
    );
    expect(status).toBe(200);
    expect(body.data?.securityQuestionCatalog.length).toBeGreaterThanOrEqual(6);
  });

  it("answers me: null without a session", async () => {
    const { body } = await postGraphQL(running.url, "{ me { id } }", {}, gatewayHeaders(settings, "identity"));
    expect(body).toEqual({ data: { me: null } });
  });

  it("answers null for a User reference that names no user, uuid or not, even the session's own", async () => {
    const entities = (id: string) => `query { _entities(representations: [{ __typename: "User", id: "${id}" }]) { ... on User { id } } }`;
    for (const id of ["not-a-uuid", "7d0c4a57-86a5-4c83-9c6f-1f1c1c7b2a11"]) {
      const { body } = await postGraphQL(running.url, entities(id), {}, gatewayHeaders(settings, "identity", sessionOf(id)));
      expect(body).toEqual({ data: { _entities: [null] } });
    }
  });

  it("resolves a User reference only for the session's own user", async () => {
    const [mine, theirs] = [await createTestLogin(database.url), await createTestLogin(database.url)];
    const query = "query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username } } }";
    const representations = [mine, theirs].map((login) => ({ __typename: "User", id: login.userId }));
    const asMe = await postGraphQL(running.url, query, { r: representations }, gatewayHeaders(settings, "identity", sessionOf(mine.userId, mine.customerId)));
    expect(asMe.body).toEqual({ data: { _entities: [{ id: mine.userId, username: mine.username }, null] } });
    const anonymous = await postGraphQL(running.url, query, { r: representations }, gatewayHeaders(settings, "identity"));
    expect(anonymous.body).toEqual({ data: { _entities: [null, null] } });
  });

  it("serves /healthz and /readyz", async () => {
    const base = running.url.replace("/graphql", "");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: "up", redis: "up" } });
  });
});
