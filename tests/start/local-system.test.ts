// What `npm start` runs, on the real PostgreSQL and Redis: the three subgraphs and the gateway in
// one process, wired at the ports they got, the demo records and the ready demo login.
import { createRedis, type RedisClient, type Settings } from "@oa/platform";
import { createTestDatabase, type TestDatabase, testSettings } from "@oa/platform/testing";
import { DEMO_LOGIN, enrollDemoLogin } from "../../packages/cli/src/demo-login";
import { loadDemoRecordsIfEmpty } from "../../packages/cli/src/demo-records";
import { type LocalSystem, startLocalSystem } from "../../packages/cli/src/local-system";

describe("npm start's local system", () => {
  let database: TestDatabase;
  let settings: Settings;
  let redis: RedisClient;
  let system: LocalSystem;
  let loaded: Awaited<ReturnType<typeof loadDemoRecordsIfEmpty>> = null;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Port 0 everywhere: other tests run at the same time.
    settings = testSettings({ databaseUrl: database.url, gatewayPort: 0, identityPort: 0, deviceTrustPort: 0, vehicleAccountPort: 0 });
    redis = createRedis(settings);
    system = await startLocalSystem(settings, {
      redis,
      poolSize: 4,
      host: "127.0.0.1",
      afterMigrations: async (wired) => {
        loaded = await loadDemoRecordsIfEmpty({ ...wired, databaseUrl: database.url });
      },
    });
  });

  afterAll(async () => {
    for (const service of [...(system?.services ?? [])].reverse()) await service.close();
    await database.drop();
  });

  it("migrates, then loads the demo records into an empty database", () => {
    expect(loaded?.inFile).toEqual({ customers: 7, depositAccounts: 3, vehicleAccounts: 11 });
  });

  it("leaves a database with customers as it is", async () => {
    expect(await loadDemoRecordsIfEmpty({ ...settings, databaseUrl: database.url })).toBeNull();
  });

  it("answers /readyz on the gateway once every subgraph answers", async () => {
    const response = await fetch(system.gatewayUrl.replace(/\/graphql$/, "/readyz"));
    expect(response.status).toBe(200);
    expect(Object.keys(system.subgraphUrls).sort()).toEqual(["device-trust", "identity", "vehicle-account"]);
  });

  it("enrolls the ready demo login through the gateway, once", async () => {
    expect(await enrollDemoLogin(system.gatewayUrl)).toBeNull();
    // A second time the person is already enrolled: reported, not thrown.
    expect(await enrollDemoLogin(system.gatewayUrl)).toMatch(/^ALREADY_ENROLLED/);
    // The password works: from a device never seen, sign-in asks for a step-up.
    const response = await fetch(system.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "mutation Login($input: LoginInput!) { login(input: $input) { __typename } }",
        variables: { input: { username: DEMO_LOGIN.username, password: DEMO_LOGIN.password } },
      }),
    });
    expect(await response.json()).toEqual({ data: { login: { __typename: "StepUpRequired" } } });
  });
});
