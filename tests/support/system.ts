import { rmSync } from "node:fs";
import { dirname } from "node:path";
import type { RecordsFile, Settings, Stoppable } from "@oa/platform";
import { createRedis } from "@oa/platform";
import { createTestDatabase, type TestDatabase, testSettings } from "@oa/platform/testing";
import { Outbox } from "../../packages/cli/src/journeys/outbox";
import { ANY_FREE_PORTS, type SubgraphName, startLocalSystem } from "../../packages/cli/src/local-system";
import { withDatabaseConnection } from "../../packages/cli/src/records/database-connection";
import { writeRecords } from "../../packages/cli/src/records/import-records";
import { webPagePages } from "../../packages/cli/src/web-page";
import { GatewayClient } from "./gateway-client";
import { Wiretap } from "./wiretap";

export type { GraphQLResponse } from "./gateway-client";

export interface TestSystemOptions {
  /** Subgraphs to put a recording proxy in front of: the gateway and identity reach them only through it (`taps`). */
  tap?: SubgraphName[];
  /** Serve the web page at /app/, as `npm start` does in development. */
  webPage?: boolean;
}

/**
 * The whole system in this process, as in production (and as `npm start` runs it): the real
 * gateway in front of the three real subgraphs, on free ports, against a fresh PostgreSQL
 * database and real Redis.
 */
export class TestSystem extends GatewayClient {
  /** SQL statements run by any subgraph, in order; tests reset and count them. */
  readonly statements: string[] = [];
  /** The same statements, each with the subgraph that ran it (`statementCounts`). */
  readonly subgraphStatements: { subgraph: SubgraphName; sql: string }[] = [];
  /** Password and support proof checks (argon2) identity has made. */
  passwordChecks = 0;
  /** In start order. */
  private services: Stoppable[] = [];
  /** Where the others call each subgraph (through its tap, when tapped). */
  subgraphUrls: Record<string, string> = {};
  /** Where each subgraph really listens: a request sent here passes no tap. */
  directUrls: Record<string, string> = {};
  /** The recording proxies in front of the subgraphs named in `options.tap`. */
  taps: Partial<Record<SubgraphName, Wiretap>> = {};
  settings!: Settings;
  private database!: TestDatabase;

  private constructor() {
    // The gateway's URL once it listens (boot).
    super("", Outbox.inNewFolder());
  }

  static async start(overrides: Partial<Settings> = {}, records?: RecordsFile, options: TestSystemOptions = {}): Promise<TestSystem> {
    const system = new TestSystem();
    await system.boot(overrides, records, options);
    return system;
  }

  private async boot(overrides: Partial<Settings>, records: RecordsFile | undefined, options: TestSystemOptions) {
    this.database = await createTestDatabase();
    try {
      for (const name of options.tap ?? []) this.taps[name] = await Wiretap.start();
      const system = await startLocalSystem(testSettings({ databaseUrl: this.database.url, messageOutboxFile: this.outbox.file, ...ANY_FREE_PORTS, ...overrides }), {
        host: "127.0.0.1",
        pages: options.webPage ? webPagePages() : undefined,
        route: (name, url) => this.taps[name]?.forwardTo(url) ?? url,
        onQuery: (sql, subgraph) => {
          this.statements.push(sql);
          this.subgraphStatements.push({ subgraph, sql });
        },
        onPasswordCheck: () => (this.passwordChecks += 1),
        afterMigrations: async (wired) => {
          this.settings = wired;
          if (records) await this.importRecords(records);
        },
      });
      this.settings = system.settings;
      this.subgraphUrls = system.subgraphUrls;
      this.directUrls = Object.fromEntries(Object.entries(system.subgraphs).map(([name, running]) => [name, running.url]));
      this.gatewayUrl = system.gatewayUrl;
      this.services = system.services;
    } catch (error) {
      await this.closeTaps();
      await this.database.drop();
      this.removeOutbox();
      throw error;
    }
  }

  /** Writes records as `npm run records:import` does (validated, checked against the rows on file, all or nothing). */
  async importRecords(records: RecordsFile): Promise<void> {
    await withDatabaseConnection(this.database.url, (database) => writeRecords(database, records, this.settings));
  }

  /** Forgets the statements counted so far. */
  resetStatements(): void {
    this.statements.length = 0;
    this.subgraphStatements.length = 0;
  }

  /** How many statements each subgraph ran since the last reset. */
  statementCounts(): Record<SubgraphName, number> {
    const counts: Record<SubgraphName, number> = { identity: 0, "device-trust": 0, "vehicle-account": 0 };
    for (const { subgraph } of this.subgraphStatements) counts[subgraph] += 1;
    return counts;
  }

  /** A client of this system's Redis, for tests that inspect keys. */
  redis() {
    return createRedis(this.settings);
  }

  async stop(): Promise<void> {
    for (const service of [...this.services].reverse()) await service.close();
    await this.closeTaps();
    await this.database.drop();
    this.removeOutbox();
  }

  private async closeTaps() {
    for (const tap of Object.values(this.taps)) await tap.close();
  }

  /** The outbox's temporary folder goes with the system. */
  private removeOutbox() {
    rmSync(dirname(this.outbox.file), { recursive: true, force: true });
  }
}
