import { createTestDatabase, gatewayHeaders, postGraphQL, type TestDatabase, testSettings } from "@oa/platform/testing";
import type { RunningService, SubgraphService } from "@oa/platform";
import { createIdentityService } from "./server";

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
    const forged = gatewayHeaders({ ...settings, gatewaySecret: "another-secret-of-at-least-32-characters!" });
    const { status } = await postGraphQL(running.url, "{ securityQuestionCatalog { id } }", {}, forged);
    expect(status).toBe(401);
  });

  it("answers the catalog from the migrated database", async () => {
    const { status, body } = await postGraphQL<{ securityQuestionCatalog: { id: string; text: string }[] }>(
      running.url,
      "{ securityQuestionCatalog { id text } }",
      {},
      gatewayHeaders(settings),
    );
    expect(status).toBe(200);
    expect(body.data?.securityQuestionCatalog.length).toBeGreaterThanOrEqual(6);
  });

  it("answers me: null without a session", async () => {
    const { body } = await postGraphQL(running.url, "{ me { id } }", {}, gatewayHeaders(settings));
    expect(body).toEqual({ data: { me: null } });
  });

  it("answers null for a User reference that names no user, uuid or not", async () => {
    const { body } = await postGraphQL(
      running.url,
      'query { _entities(representations: [{ __typename: "User", id: "not-a-uuid" }, { __typename: "User", id: "7d0c4a57-86a5-4c83-9c6f-1f1c1c7b2a11" }]) { ... on User { id } } }',
      {},
      gatewayHeaders(settings),
    );
    expect(body).toEqual({ data: { _entities: [null, null] } });
  });

  it("serves /healthz and /readyz", async () => {
    const base = running.url.replace("/graphql", "");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: "up", redis: "up" } });
  });
});
