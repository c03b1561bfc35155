// Starts vehicle-account on a fresh database and the real Redis, as its tests need it.
import { type ForwardedSession, type RunningService, SessionStore, sessionLifetimes, type Settings, type SubgraphService, type VehicleAccountRecord } from "@oa/platform";
import { createTestDatabase, gatewayHeaders, postGraphQL, type TestDatabase, testSettings } from "@oa/platform/testing";
import { importVehicleAccountRecords } from "../records/import-vehicle-account-records";
import { createVehicleAccountService, type VehicleAccountOptions } from "../server";

export interface TestSubgraph {
  settings: Settings;
  service: SubgraphService;
  running: RunningService;
  /** Every SQL statement the service ran, in order; tests clear it before what they count. */
  statements: string[];
  /**
   * Calls the subgraph as the gateway would, with the session given (or none): the gateway forwards
   * only live sessions, so a like one (same user, customer and device) is opened in Redis first.
   */
  call<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, session?: ForwardedSession | null): ReturnType<typeof postGraphQL<T>>;
  /** Calls the subgraph as identity does: the only caller allowed the internal fields. */
  callAsIdentity<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): ReturnType<typeof postGraphQL<T>>;
  importRecords(records: VehicleAccountRecord[]): Promise<{ vehicleAccounts: number }>;
  close(): Promise<void>;
}

export async function startTestSubgraph(options: Omit<VehicleAccountOptions, "onQuery"> = {}): Promise<TestSubgraph> {
  const database: TestDatabase = await createTestDatabase();
  const settings = testSettings({ databaseUrl: database.url });
  const statements: string[] = [];
  const service = await createVehicleAccountService(settings, { ...options, onQuery: (sql) => statements.push(sql) });
  await service.migrate();
  const running = await service.listen(0, "127.0.0.1");
  const sessions = new SessionStore(service.redis, settings.redisKeyPrefix, sessionLifetimes(settings));
  const live = async (session: ForwardedSession | null) =>
    session && (await sessions.create({ userId: session.userId, customerId: session.customerId, deviceId: session.deviceId })).session;
  return {
    settings,
    service,
    running,
    statements,
    call: async (query, variables = {}, session = null) => postGraphQL(running.url, query, variables, gatewayHeaders(settings, "vehicle-account", await live(session))),
    callAsIdentity: (query, variables = {}) => postGraphQL(running.url, query, variables, gatewayHeaders(settings, "vehicle-account", null, "identity")),
    importRecords: (records) => service.dataSource.transaction((manager) => importVehicleAccountRecords(manager, records)),
    async close() {
      await service.close();
      await database.drop();
    },
  };
}
