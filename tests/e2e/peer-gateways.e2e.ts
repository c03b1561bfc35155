// The project's subgraphs under other gateways, as the benchmark runs them: Hive Gateway (either
// planner) with a small plugin doing the project's session look-up and per-fetch credentials
// answers the contract's Snapshot exactly as the project's gateway does, so the gateway is
// replaceable by a peer; and the benchmark's floor sends exactly the fetches of the gateway's plan.
import { loadSupergraph } from "@oa/gateway";
import { closeRedis, createRedis, GATEWAY_CREDENTIAL_HEADER, type RedisClient, SessionStore, sessionLifetimes, verifyGatewayCredential } from "@oa/platform";
import { startFloorServer } from "../../packages/cli/src/bench/peers/floor-server";
import { type HivePlanner, startHiveGateway } from "../../packages/cli/src/bench/peers/hive-gateway";
import { startPeerProcess } from "../../packages/cli/src/bench/peers/peer-processes";
import { SNAPSHOT_FETCHES } from "../../packages/cli/src/bench/peers/snapshot-plan";
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { cleanEnvironment } from "../../packages/cli/src/standalone-services";
import { FLEET, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { TestSystem } from "../support/system";

const SUBGRAPHS = ["identity", "device-trust", "vehicle-account"] as const;
const SNAPSHOT = JSON.stringify({ query: contractOperation("Snapshot"), operationName: "Snapshot" });

async function postSnapshot(url: string, accessToken?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const response = await fetch(url, { method: "POST", headers, body: SNAPSHOT });
  return { status: response.status, body: (await response.json()) as { data?: { me: Record<string, unknown> | null }; errors?: unknown[] } };
}

describe("peer gateways over the project's subgraphs", () => {
  let system: TestSystem;
  let redis: RedisClient;
  let sessions: SessionStore;
  let accessToken: string;
  let projectAnswer: unknown;

  beforeAll(async () => {
    system = await TestSystem.start({}, testRecords(), { tap: [...SUBGRAPHS] });
    await enroll(system, FLEET, "fran.f", { accountType: "AUTO", accountNumber: "AV-3000000000" });
    ({ accessToken } = await signIn(system, FLEET, "fran.f", { name: "Fran's laptop", platform: "WEB" }));
    for (const accountNumber of ["AV-3000000001", "AV-3000000002"]) {
      expect((await system.run("AddVehicle", { input: { accountNumber } }, accessToken)).body.data!.addVehicle.__typename).toBe("VehicleAdded");
    }
    redis = createRedis(system.settings, "peers-test");
    sessions = new SessionStore(redis, system.settings.redisKeyPrefix, sessionLifetimes(system.settings));
    const project = await postSnapshot(system.gatewayUrl, accessToken);
    expect(project.body.errors).toBeUndefined();
    expect(project.body.data!.me).toMatchObject({ username: "fran.f", vehicleAccounts: expect.any(Array), devices: [expect.objectContaining({ current: true })] });
    expect((project.body.data!.me as { vehicleAccounts: unknown[] }).vehicleAccounts).toHaveLength(3);
    projectAnswer = project.body.data;
  });
  afterAll(async () => {
    await closeRedis(redis);
    await system.stop();
  });

  const clearTaps = () => {
    for (const name of SUBGRAPHS) system.taps[name]!.requests.splice(0);
  };
  const tapped = (name: (typeof SUBGRAPHS)[number]) => system.taps[name]!.requests.filter((request) => request.path === "/graphql");

  // The Rust planner loads its native addon through a dynamic import, which Jest's module sandbox
  // refuses: it runs as the benchmark runs it, a process of its own (from the build).
  const startHive = async (planner: HivePlanner) => {
    if (planner === "js") return startHiveGateway({ supergraphSdl: loadSupergraph(system.settings).sdl, planner, sessions, gatewaySecret: system.settings.gatewaySecret });
    const peer = await startPeerProcess(
      "hive-rust",
      cleanEnvironment({
        NODE_ENV: "test",
        LOG_LEVEL: "warn",
        REDIS_URL: system.settings.redisUrl!,
        REDIS_KEY_PREFIX: system.settings.redisKeyPrefix,
        GATEWAY_SECRET: system.settings.gatewaySecret,
        IDENTITY_URL: system.settings.identityUrl,
        DEVICE_TRUST_URL: system.settings.deviceTrustUrl,
        VEHICLE_ACCOUNT_URL: system.settings.vehicleAccountUrl,
      }),
    );
    return { url: peer.url, close: async () => void (await peer.stop()) };
  };

  it.each<[HivePlanner]>([["js"], ["rust"]])("Hive Gateway (%s planner) with the credentials plugin answers the Snapshot as the project's gateway does", async (planner) => {
    const hive = await startHive(planner);
    try {
      clearTaps();
      const answer = await postSnapshot(hive.url, accessToken);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual(projectAnswer);

      // Each subgraph got one fetch, signed for that subgraph and that very body, carrying the
      // session; nothing the client sent (its bearer token) went along.
      for (const name of SUBGRAPHS) {
        const [request, ...more] = tapped(name);
        expect(more).toHaveLength(0);
        expect(request.headers.authorization).toBeUndefined();
        const credential = verifyGatewayCredential(system.settings.gatewaySecret, request.headers[GATEWAY_CREDENTIAL_HEADER] as string, {
          audience: name,
          method: "POST",
          path: "/graphql",
          body: request.body,
        });
        expect(credential).toMatchObject({ caller: "gateway", session: { userId: expect.any(String) } });
      }

      // Without a session, as through the project's gateway: no one is signed in.
      const anonymous = await postSnapshot(hive.url);
      expect(anonymous.body.data?.me ?? null).toBeNull();
    } finally {
      await hive.close();
    }
  });

  it("the floor sends the very fetches of the gateway's plan and answers the same Snapshot", async () => {
    clearTaps();
    await postSnapshot(system.gatewayUrl, accessToken);
    const sent = (name: (typeof SUBGRAPHS)[number]) => tapped(name).map((request) => JSON.parse(request.body) as { query: string; operationName: string });
    expect(sent("identity")).toEqual([expect.objectContaining({ query: SNAPSHOT_FETCHES.identity.query, operationName: SNAPSHOT_FETCHES.identity.operationName })]);
    expect(sent("device-trust")).toEqual([expect.objectContaining({ query: SNAPSHOT_FETCHES.devices.query, operationName: SNAPSHOT_FETCHES.devices.operationName })]);
    expect(sent("vehicle-account")).toEqual([
      expect.objectContaining({ query: SNAPSHOT_FETCHES.vehicleAccounts.query, operationName: SNAPSHOT_FETCHES.vehicleAccounts.operationName }),
    ]);
    const gatewayBodies = SUBGRAPHS.map((name) => tapped(name)[0].body);

    const floor = await startFloorServer({
      sessions,
      gatewaySecret: system.settings.gatewaySecret,
      subgraphUrls: { identity: system.settings.identityUrl, "device-trust": system.settings.deviceTrustUrl, "vehicle-account": system.settings.vehicleAccountUrl },
    });
    try {
      clearTaps();
      const answer = await postSnapshot(floor.url, accessToken);
      expect(answer.body).toEqual({ data: projectAnswer });
      // Byte for byte the bodies the gateway sent.
      expect(SUBGRAPHS.map((name) => tapped(name).map((request) => request.body))).toEqual(gatewayBodies.map((body) => [body]));
    } finally {
      await floor.close();
    }
  });
});
