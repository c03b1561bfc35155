import { rmSync } from "node:fs";
import { dirname } from "node:path";
import type { RecordsFile, Settings, Stoppable } from "@oa/platform";
import { createTestDatabase, type TestDatabase, testSettings } from "@oa/platform/testing";
import { Outbox } from "../../packages/cli/src/journeys/outbox";
import { ANY_FREE_PORTS, type SubgraphName, startLocalSystem } from "../../packages/cli/src/local-system";
import { withDatabaseConnection } from "../../packages/cli/src/records/database-connection";
import { writeRecords } from "../../packages/cli/src/records/import-records";
import { GatewayClient } from "./gateway-client";
import { RoundRobin } from "./round-robin";

const SUBGRAPHS: SubgraphName[] = ["identity", "device-trust", "vehicle-account"];

/**
 * The system scaled out in this process: several instances of every service (each set started as
 * `npm start` starts it: a gateway and the three subgraphs), all on one PostgreSQL database and one
 * Redis prefix. Each subgraph's instances sit behind a round-robin balancer, and every gateway and
 * every subgraph calls the others through the balancers: so a gateway's fetches and identity's
 * internal calls land on every instance in turn, as behind a service name that resolves to every
 * replica. Nothing but PostgreSQL and Redis is shared.
 */
export class ScaledSystem {
  readonly outbox = Outbox.inNewFolder();
  readonly gateways: GatewayClient[] = [];
  readonly balancers = {} as Record<SubgraphName, RoundRobin>;
  /** Password checks (argon2) made by each identity instance, in start order. */
  readonly passwordChecks: number[] = [];
  settings!: Settings;
  private readonly services: Stoppable[] = [];
  private database!: TestDatabase;

  static async start(overrides: Partial<Settings> = {}, records?: RecordsFile, instances = 2): Promise<ScaledSystem> {
    const system = new ScaledSystem();
    try {
      await system.boot(overrides, records, instances);
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  private async boot(overrides: Partial<Settings>, records: RecordsFile | undefined, instances: number) {
    this.database = await createTestDatabase();
    for (const name of SUBGRAPHS) this.balancers[name] = await RoundRobin.start();
    const settings = testSettings({ databaseUrl: this.database.url, messageOutboxFile: this.outbox.file, ...ANY_FREE_PORTS, ...overrides });
    for (let instance = 0; instance < instances; instance++) {
      this.passwordChecks.push(0);
      const started = await startLocalSystem(settings, {
        host: "127.0.0.1",
        route: (name, url) => this.balancers[name].add(url),
        onPasswordCheck: () => (this.passwordChecks[instance] += 1),
        // The records once, by the first set; the second finds its migrations done too.
        afterMigrations:
          instance === 0 && records ? (wired) => withDatabaseConnection(this.database.url, (database) => writeRecords(database, records, wired)).then(() => undefined) : undefined,
      });
      this.services.push(...started.services);
      this.gateways.push(new GatewayClient(started.gatewayUrl, this.outbox));
      this.settings = started.settings;
    }
  }

  /** The gateway for the `n`th request of a load: every gateway in turn. */
  gateway(n: number): GatewayClient {
    return this.gateways[n % this.gateways.length];
  }

  async stop(): Promise<void> {
    for (const service of [...this.services].reverse()) await service.close();
    for (const balancer of Object.values(this.balancers)) await balancer.close();
    await this.database?.drop();
    rmSync(dirname(this.outbox.file), { recursive: true, force: true });
  }
}
