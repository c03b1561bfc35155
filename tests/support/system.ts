import type { RunningService, Settings, SubgraphService } from "@oa/platform";
import { createRedis, type RecordsFile } from "@oa/platform";
import { createTestDatabase, type TestDatabase, testSettings } from "@oa/platform/testing";
import { createDeviceTrustService } from "@oa/device-trust";
import { createGateway } from "@oa/gateway";
import { createIdentityService, importIdentityRecords } from "@oa/identity";
import { createVehicleAccountService, importVehicleAccountRecords } from "@oa/vehicle-account";
import { DataSource } from "typeorm";
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { Outbox } from "./outbox";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

/**
 * The whole system in this process, as in production: the real gateway in front of the three
 * real subgraphs, on free ports, against a fresh PostgreSQL database and real Redis.
 */
export class TestSystem {
  /** SQL statements run by any subgraph, in order; tests reset and count them. */
  readonly statements: string[] = [];
  readonly outbox = new Outbox();
  private readonly services: SubgraphService[] = [];
  private gateway?: { close(): Promise<void> };
  gatewayUrl = "";
  subgraphUrls: Record<string, string> = {};
  settings!: Settings;
  private database!: TestDatabase;

  static async start(overrides: Partial<Settings> = {}, records?: RecordsFile): Promise<TestSystem> {
    const system = new TestSystem();
    await system.boot(overrides, records);
    return system;
  }

  private async boot(overrides: Partial<Settings>, records?: RecordsFile) {
    this.database = await createTestDatabase();
    let settings = testSettings({ databaseUrl: this.database.url, messageOutboxFile: this.outbox.file, ...overrides });
    const onQuery = (sql: string) => this.statements.push(sql);

    // identity calls the other two, so they listen first and identity learns their URLs.
    const deviceTrust = await createDeviceTrustService(settings, { onQuery });
    const vehicleAccount = await createVehicleAccountService(settings, { onQuery });
    for (const service of [deviceTrust, vehicleAccount]) {
      this.services.push(service);
      await service.migrate();
    }
    const deviceTrustRunning = await deviceTrust.listen(0, "127.0.0.1");
    const vehicleAccountRunning = await vehicleAccount.listen(0, "127.0.0.1");
    settings = { ...settings, deviceTrustUrl: deviceTrustRunning.url, vehicleAccountUrl: vehicleAccountRunning.url };

    const identity = await createIdentityService(settings, { onQuery });
    this.services.push(identity);
    await identity.migrate();
    const identityRunning = await identity.listen(0, "127.0.0.1");
    settings = { ...settings, identityUrl: identityRunning.url };
    this.settings = settings;
    this.subgraphUrls = { identity: identityRunning.url, "device-trust": deviceTrustRunning.url, "vehicle-account": vehicleAccountRunning.url };

    if (records) await this.importRecords(records);

    const gateway = await createGateway(settings, {});
    const running: RunningService = await gateway.listen(0, "127.0.0.1");
    this.gateway = gateway;
    this.gatewayUrl = running.url;
  }

  /** Writes records the way `npm run records:import` does: one transaction for both owners. */
  async importRecords(records: RecordsFile): Promise<void> {
    const dataSource = new DataSource({ type: "postgres", url: this.database.url });
    await dataSource.initialize();
    try {
      await dataSource.transaction(async (manager) => {
        await importIdentityRecords(manager, records, this.settings);
        await importVehicleAccountRecords(manager, records.vehicleAccounts);
      });
    } finally {
      await dataSource.destroy();
    }
  }

  /** Sends a contract operation (by name) through the gateway. */
  async run<T = Record<string, any>>(operationName: string, variables: Record<string, unknown> = {}, accessToken?: string): Promise<GraphQLResponse<T>> {
    return this.post<T>({ query: contractOperation(operationName), operationName, variables }, accessToken);
  }

  /** Sends any body through the gateway. */
  async post<T = Record<string, any>>(body: unknown, accessToken?: string, extraHeaders: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { "content-type": "application/json", ...extraHeaders };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    const response = await fetch(this.gatewayUrl, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
    const text = await response.text();
    let parsed: GraphQLResponse<T>["body"];
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`gateway answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    return { status: response.status, body: parsed };
  }

  /** A client of this system's Redis, for tests that inspect keys. */
  redis() {
    return createRedis(this.settings);
  }

  async stop(): Promise<void> {
    await this.gateway?.close();
    for (const service of this.services.reverse()) await service.close();
    await this.database.drop();
  }
}
