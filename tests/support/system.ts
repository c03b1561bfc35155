import { rmSync } from "node:fs";
import { dirname } from "node:path";
import type { RecordsFile, Settings, Stoppable } from "@oa/platform";
import { createRedis } from "@oa/platform";
import { createTestDatabase, type TestDatabase, testSettings } from "@oa/platform/testing";
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { answerData } from "../../packages/cli/src/journeys/graphql-answer";
import { Outbox } from "../../packages/cli/src/journeys/outbox";
import type { RunOperation } from "../../packages/cli/src/journeys/sign-in";
import { ANY_FREE_PORTS, type SubgraphName, startLocalSystem } from "../../packages/cli/src/local-system";
import { withDatabaseConnection } from "../../packages/cli/src/records/database-connection";
import { writeRecords } from "../../packages/cli/src/records/import-records";
import { webPagePages } from "../../packages/cli/src/web-page";
import { Wiretap } from "./wiretap";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

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
export class TestSystem {
  /** SQL statements run by any subgraph, in order; tests reset and count them. */
  readonly statements: string[] = [];
  /** The same statements, each with the subgraph that ran it (`statementCounts`). */
  readonly subgraphStatements: { subgraph: SubgraphName; sql: string }[] = [];
  /** Password and support proof checks (argon2) identity has made. */
  passwordChecks = 0;
  readonly outbox = Outbox.inNewFolder();
  /** In start order. */
  private services: Stoppable[] = [];
  gatewayUrl = "";
  /** Where the others call each subgraph (through its tap, when tapped). */
  subgraphUrls: Record<string, string> = {};
  /** Where each subgraph really listens: a request sent here passes no tap. */
  directUrls: Record<string, string> = {};
  /** The recording proxies in front of the subgraphs named in `options.tap`. */
  taps: Partial<Record<SubgraphName, Wiretap>> = {};
  settings!: Settings;
  private database!: TestDatabase;

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

  /** Sends a contract operation (by name) through the gateway. */
  async run<T = Record<string, any>>(operationName: string, variables: Record<string, unknown> = {}, accessToken?: string): Promise<GraphQLResponse<T>> {
    return this.post<T>({ query: contractOperation(operationName), operationName, variables }, accessToken);
  }

  /** Sends a contract operation through the gateway; resolves to its data, throws on an error answer (for journeys). */
  readonly runOperation: RunOperation = async (operationName, variables, accessToken) => {
    const { status, body } = await this.run(operationName, variables, accessToken);
    return answerData(status, body);
  };

  /** Sends any body through the gateway. */
  post<T = Record<string, any>>(body: unknown, accessToken?: string, extraHeaders: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
    return postToGateway<T>(this.gatewayUrl, body, accessToken, extraHeaders);
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

/** POSTs any body to a gateway as a bearer client; the answer must be JSON. */
export async function postToGateway<T = Record<string, any>>(
  gatewayUrl: string,
  body: unknown,
  accessToken?: string,
  extraHeaders: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...extraHeaders };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const response = await fetch(gatewayUrl, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed: GraphQLResponse<T>["body"];
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`gateway answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, body: parsed };
}
