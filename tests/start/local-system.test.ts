// What `npm start` runs, on the real PostgreSQL and Redis: the three subgraphs and the gateway in
// one process, wired at the ports they got, the demo records and the ready demo login.
import { closeRedis, createLogger, createRedis, type RedisClient, type Settings, type Stoppable } from "@oa/platform";
import { createTestDatabase, type TestDatabase, testSettings } from "@oa/platform/testing";
import { DEMO_LOGIN, demoLoginPending, enrollDemoLogin } from "../../packages/cli/src/demo-login";
import { loadDemoRecordsIfEmpty } from "../../packages/cli/src/demo-records";
import { ANY_FREE_PORTS, type LocalSystem, startLocalSystem } from "../../packages/cli/src/local-system";
import { withDatabaseConnection } from "../../packages/cli/src/records/database-connection";

const quiet = { logger: createLogger("silent") };

const LOGIN = "mutation Login($input: LoginInput!) { login(input: $input) { __typename } }";

async function login(gatewayUrl: string): Promise<unknown> {
  const response = await fetch(gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: LOGIN, variables: { input: { username: DEMO_LOGIN.username, password: DEMO_LOGIN.password } } }),
  });
  return response.json();
}

/** True when something answers HTTP at `url`. */
async function answers(url: string): Promise<boolean> {
  return fetch(url.replace(/\/graphql$/, "/healthz")).then(
    () => true,
    () => false,
  );
}

describe("npm start's local system", () => {
  let database: TestDatabase;
  let settings: Settings;
  let redis: RedisClient;
  let system: LocalSystem;
  let loaded: Awaited<ReturnType<typeof loadDemoRecordsIfEmpty>> = null;
  let pendingAfterLoad = false;
  let enrolled: string | null | undefined;
  let identityUrl = "";

  beforeAll(async () => {
    database = await createTestDatabase();
    settings = testSettings({ databaseUrl: database.url, ...ANY_FREE_PORTS });
    redis = createRedis(settings);
    system = await startLocalSystem(settings, {
      redis,
      poolSize: 4,
      host: "127.0.0.1",
      afterMigrations: (wired) =>
        withDatabaseConnection(database.url, async (connection) => {
          loaded = await loadDemoRecordsIfEmpty(connection, wired);
          pendingAfterLoad = await demoLoginPending(connection);
        }),
      beforeGateway: async (wired) => {
        identityUrl = wired.identityUrl;
        enrolled = await enrollDemoLogin(wired, quiet);
      },
    });
  });

  afterAll(async () => {
    for (const service of [...(system?.services ?? [])].reverse()) await service.close();
    await closeRedis(redis);
    await database.drop();
  });

  it("migrates, then loads the demo records into an empty database", () => {
    expect(loaded?.inFile).toEqual({ customers: 7, depositAccounts: 3, vehicleAccounts: 11 });
  });

  it("leaves a database with customers as it is", async () => {
    expect(await withDatabaseConnection(database.url, (connection) => loadDemoRecordsIfEmpty(connection, settings))).toBeNull();
  });

  it("answers /readyz on the gateway once every subgraph answers", async () => {
    const response = await fetch(system.gatewayUrl.replace(/\/graphql$/, "/readyz"));
    expect(response.status).toBe(200);
    expect(Object.keys(system.subgraphUrls).sort()).toEqual(["device-trust", "identity", "vehicle-account"]);
  });

  it("enrolls the ready demo login at identity before the gateway listens, so it works at once", async () => {
    expect(pendingAfterLoad).toBe(true);
    expect(enrolled).toBeNull();
    expect(identityUrl).toBe(system.subgraphUrls.identity);
    // The password works: from a device never seen, sign-in asks for a step-up.
    expect(await login(system.gatewayUrl)).toEqual({ data: { login: { __typename: "StepUpRequired" } } });
    expect(await withDatabaseConnection(database.url, demoLoginPending)).toBe(false);
  });

  it("reports a second enrollment of the demo login instead of throwing", async () => {
    expect(await enrollDemoLogin({ ...settings, identityUrl }, quiet)).toMatch(/^ALREADY_ENROLLED/);
  });

  it("refuses an enrollment not signed with the gateway's secret: identity answers 401", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", {}, (line) => lines.push(line));
    const failure = await enrollDemoLogin({ identityUrl, gatewaySecret: "not-the-gateway-secret-0123456789abcdef" }, { logger });
    expect(failure).toBe("The service is unavailable. Please try again shortly.");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: "error", message: "internal call answered with errors", status: 401, detail: "This service answers only the gateway." }),
    ]);
  });
});

describe("a stop request during npm start's local system start", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("gives up mid-enrollment, closes every service once, starts no gateway and leaves the shared client to its maker", async () => {
    const settings = testSettings({ databaseUrl: database.url, ...ANY_FREE_PORTS });
    const stop = new AbortController();
    const tracked: Stoppable[] = [];
    let subgraphUrls: string[] = [];
    let gatewayBuilt = false;
    const redis = createRedis(settings);
    try {
      const starting = startLocalSystem(settings, {
        redis,
        poolSize: 2,
        host: "127.0.0.1",
        signal: stop.signal,
        track: (service) => tracked.push(service),
        afterMigrations: async (wired) => {
          await withDatabaseConnection(database.url, (connection) => loadDemoRecordsIfEmpty(connection, wired));
        },
        beforeGateway: async (wired) => {
          subgraphUrls = [wired.identityUrl, wired.deviceTrustUrl, wired.vehicleAccountUrl];
          const enrolling = enrollDemoLogin(wired, { ...quiet, signal: stop.signal });
          stop.abort(new Error("SIGTERM during the start"));
          await enrolling;
          gatewayBuilt = true;
        },
      });
      await expect(starting).rejects.toThrow("SIGTERM during the start");
      expect(gatewayBuilt).toBe(false);
      expect(tracked).toHaveLength(3);
      for (const url of subgraphUrls) expect(await answers(url)).toBe(false);
      // Closing again (as runService does after a stop) is harmless.
      for (const service of tracked) await expect(service.close()).resolves.toBeUndefined();
      // The services closed; the client they were given is still open for whoever made it.
      expect(await redis.ping()).toBe("PONG");
    } finally {
      await closeRedis(redis);
    }
  });

  it("starts nothing when the stop came first", async () => {
    const settings = testSettings({ databaseUrl: database.url, ...ANY_FREE_PORTS });
    const tracked: Stoppable[] = [];
    const redis = createRedis(settings);
    try {
      await expect(
        startLocalSystem(settings, { redis, host: "127.0.0.1", signal: AbortSignal.abort(new Error("SIGINT")), track: (service) => tracked.push(service) }),
      ).rejects.toThrow("SIGINT");
      expect(tracked).toEqual([]);
    } finally {
      await closeRedis(redis);
    }
  });
});

describe("npm start's local system with a subgraph elsewhere", () => {
  let database: TestDatabase;
  let redis: RedisClient;
  let system: LocalSystem<"identity" | "device-trust">;
  // A port nothing listens on: vehicle-account "runs elsewhere" but does not answer.
  const deadVehicleAccountUrl = "http://127.0.0.1:9/graphql";

  beforeAll(async () => {
    database = await createTestDatabase();
    const settings = testSettings({ databaseUrl: database.url, ...ANY_FREE_PORTS });
    redis = createRedis(settings);
    system = await startLocalSystem(settings, { redis, host: "127.0.0.1", elsewhere: { "vehicle-account": deadVehicleAccountUrl } });
  });

  afterAll(async () => {
    for (const service of [...(system?.services ?? [])].reverse()) await service.close();
    await closeRedis(redis);
    await database.drop();
  });

  it("starts only the other subgraphs, and routes the gateway and identity to the URL elsewhere", async () => {
    expect(Object.keys(system.subgraphs).sort()).toEqual(["device-trust", "identity"]);
    expect(system.subgraphUrls["vehicle-account"]).toBe(deadVehicleAccountUrl);
    expect(system.settings.vehicleAccountUrl).toBe(deadVehicleAccountUrl);
    expect(await answers(system.subgraphUrls.identity)).toBe(true);
    const response = await fetch(system.gatewayUrl.replace(/\/graphql$/, "/readyz"));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", down: ["vehicle-account"] });
  });
});
