import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readFileSync } from "node:fs";
import { closeRedis, createRedis, type ForwardedSession, type RunningService, SessionStore, sessionLifetimes, type Settings, type SubgraphService } from "@oa/platform";
import { createTestDatabase, gatewayHeaders, type TestDatabase, testSettings } from "@oa/platform/testing";
import { createIdentityService } from "../server";
import { type FakeDeviceTrust, startFakeDeviceTrust } from "./fake-device-trust";
import { createTestLogin, type TestLoginOptions } from "./test-logins";

/** The client operations of the contract, sent exactly as web and mobile send them. */
const LOGIN_OPERATIONS = readFileSync(resolve(__dirname, "../../../../schema/contract/operations/login.graphql"), "utf8");

export interface GraphQLAnswer<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * identity listening on port 0 against a fresh database and its own Redis prefix, with a
 * stand-in device-trust and an outbox file of its own.
 */
export interface IdentityHarness {
  settings: Settings;
  database: TestDatabase;
  running: RunningService;
  deviceTrust: FakeDeviceTrust;
  outboxFile: string;
  /** How many password checks (real or dummy) the service has made. */
  passwordChecks(): number;
  /** Runs one operation of the contract's login.graphql. */
  operation<T = Record<string, any>>(name: string, variables?: Record<string, unknown>, session?: ForwardedSession | null): Promise<GraphQLAnswer<T>>;
  /** Runs any document. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, session?: ForwardedSession | null): Promise<GraphQLAnswer<T>>;
  createLogin: (options?: TestLoginOptions) => ReturnType<typeof createTestLogin>;
  /** The session an access token stands for, as the gateway would find it. */
  sessionOf(accessToken: string): Promise<ForwardedSession | null>;
  close(): Promise<void>;
}

export async function startIdentityHarness(overrides: Partial<Settings> = {}): Promise<IdentityHarness> {
  const database = await createTestDatabase();
  const outboxDir = await mkdtemp(join(tmpdir(), "oa-identity-outbox-"));
  const outboxFile = join(outboxDir, `outbox-${randomBytes(4).toString("hex")}.jsonl`);
  const base = testSettings();
  const deviceTrust = await startFakeDeviceTrust(base.gatewaySecret);
  const settings: Settings = { ...base, databaseUrl: database.url, deviceTrustUrl: deviceTrust.url, messageOutboxFile: outboxFile, ...overrides };
  let checks = 0;
  const service: SubgraphService = await createIdentityService(settings, { onPasswordCheck: () => checks++ });
  await service.migrate();
  const running = await service.listen(0, "127.0.0.1");
  const redis = createRedis(settings);
  const sessions = new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings));

  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}, session: ForwardedSession | null = null, operationName?: string) => {
    const body = JSON.stringify({ query, variables, operationName });
    const response = await fetch(running.url, { method: "POST", headers: gatewayHeaders(settings, "identity", session)(body), body });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLAnswer<T>, "status">) };
  };

  return {
    settings,
    database,
    running,
    deviceTrust,
    outboxFile,
    passwordChecks: () => checks,
    operation: (name, variables, session) => graphql(LOGIN_OPERATIONS, variables, session, name),
    graphql: (query, variables, session) => graphql(query, variables, session),
    createLogin: (options) => createTestLogin(database.url, options),
    sessionOf: (accessToken) => sessions.find(accessToken),
    async close() {
      const keys = await redis.keys(`${settings.redisKeyPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await closeRedis(redis);
      await service.close();
      await deviceTrust.close();
      await database.drop();
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
}
