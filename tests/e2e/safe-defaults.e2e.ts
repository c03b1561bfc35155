// Safe defaults: every service listens on HOST (loopback unless told otherwise); beyond loopback
// the public dev-only secrets are refused; `npm start` runs on secrets of this machine's own.
// The standalone services and `npm start` run as built (`npm test` builds before the tests).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { DEV_ONLY_GATEWAY_SECRET, type Settings, type Stoppable } from "@oa/platform";
import { createTestDatabase, gatewayHeaders, postGraphQL, type TestDatabase, TEST_REDIS_URL, testSettings } from "@oa/platform/testing";
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { answerData } from "../../packages/cli/src/journeys/graphql-answer";
import { enroll } from "../../packages/cli/src/journeys/sign-in";
import { ANY_FREE_PORTS, startLocalSystem } from "../../packages/cli/src/local-system";
import { DANA, GOOD_PASSWORD, testRecords } from "../support/fixtures";

const ROOT = path.join(__dirname, "../..");
const STANDALONE = {
  gateway: "gateway/dist/index.js",
  identity: "subgraphs/identity/dist/index.js",
  "device-trust": "subgraphs/device-trust/dist/index.js",
  "vehicle-account": "subgraphs/vehicle-account/dist/index.js",
};

/** An address of this machine that others on its network reach it at; null on a machine with none. */
function networkAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === "IPv4" && !address.internal) return address.address;
  }
  return null;
}

/** True when a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** The environment of a child: this one's, without any secret or setting a developer may have exported. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    "GATEWAY_SECRET",
    "TAX_ID_ENCRYPTION_KEY",
    "LOOKUP_HMAC_KEY",
    "HOST",
    "NODE_ENV",
    "DATABASE_URL",
    "REDIS_URL",
    "EMBEDDED_DATA_DIR",
    "IDENTITY_URL",
    "DEVICE_TRUST_URL",
    "VEHICLE_ACCOUNT_URL",
  ])
    delete env[name];
  return { ...env, LOG_LEVEL: "silent", ...extra };
}

const external = networkAddress();
const withNetworkAddress = external ? it : it.skip;
if (!external) process.stderr.write("safe-defaults.e2e: this machine has no network address besides loopback; the reachability checks are skipped\n");

describe("npm start's services by default", () => {
  let database: TestDatabase;
  let services: Stoppable[] = [];
  let ports: Record<string, number> = {};
  beforeAll(async () => {
    database = await createTestDatabase();
    // No host given: the services listen where the settings say, as `npm start` and the standalone services do.
    const system = await startLocalSystem(testSettings({ databaseUrl: database.url, ...ANY_FREE_PORTS }));
    services = system.services;
    ports = { gateway: Number(new URL(system.gatewayUrl).port), ...Object.fromEntries(Object.entries(system.subgraphs).map(([name, running]) => [name, running.port])) };
  });
  afterAll(async () => {
    for (const service of [...services].reverse()) await service.close();
    await database?.drop();
  });

  withNetworkAddress("answer on loopback only, not from the network", async () => {
    expect(Object.keys(ports).sort()).toEqual(["device-trust", "gateway", "identity", "vehicle-account"]);
    for (const [name, port] of Object.entries(ports)) {
      expect([name, await accepts("127.0.0.1", port)]).toEqual([name, true]);
      expect([name, await accepts(external!, port)]).toEqual([name, false]);
    }
  });
});

describe("a standalone service told to listen beyond loopback", () => {
  // Everything a service needs to start, but its own secrets.
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  /** Runs a built service until it exits (or 20 s pass: then it is stopped, and null is the answer). */
  function runUntilExit(file: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string } | null> {
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [path.join(ROOT, file)], { env, timeout: 20_000, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
        const timedOut = error !== null && (error as { killed?: boolean }).killed === true;
        resolve(timedOut ? null : { code: child.exitCode, output: stdout + stderr });
      });
    });
  }

  it.each(Object.entries(STANDALONE))("refuses the public dev-only secrets: %s", async (_, file) => {
    const ports = { GATEWAY_PORT: "0", IDENTITY_PORT: "0", DEVICE_TRUST_PORT: "0", VEHICLE_ACCOUNT_PORT: "0" };
    const result = await runUntilExit(file, childEnv({ HOST: "0.0.0.0", ...ports, DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL }));
    expect(result).not.toBeNull();
    expect(result!.code).toBe(1);
    expect(result!.output).toMatch(/could not start: GATEWAY_SECRET must be set when HOST \(0\.0\.0\.0\) is beyond loopback: its dev-only default is public/);
  });
});

describe("records:import, then npm start, outside production", () => {
  let folder: string;
  let database: TestDatabase;
  let child: ChildProcess | undefined;
  let banner = "";
  let imported = "";
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "oa-start-"));
    database = await createTestDatabase();
    // No secrets in the environment. EMBEDDED_DATA_DIR only says where the kept secrets go (the
    // database is DATABASE_URL's): in this test's folder, not the project's .data/.
    const env = childEnv({ DATABASE_URL: database.url, EMBEDDED_DATA_DIR: path.join(folder, "pglite") });
    const records = path.join(folder, "records.json");
    writeFileSync(records, JSON.stringify(testRecords()));
    imported = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.join(ROOT, "packages/cli/dist/records-import.js"), records], { env }, (error, stdout, stderr) =>
        error ? reject(new Error(`records:import failed: ${stdout}${stderr}`)) : resolve(stdout),
      ),
    );
    child = spawn(process.execPath, [path.join(ROOT, "packages/cli/dist/start.js")], {
      env: {
        ...env,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: `oa-test-start-${process.pid}:`,
        GATEWAY_PORT: "0",
        IDENTITY_PORT: "0",
        DEVICE_TRUST_PORT: "0",
        VEHICLE_ACCOUNT_PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up within 60 s:\n${banner}`)), 60_000);
      const read = (chunk: Buffer) => {
        banner += chunk.toString("utf8");
        if (banner.includes("Press Ctrl-C to stop.")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child!.stdout!.on("data", read);
      child!.stderr!.on("data", read);
      child!.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${banner}`)));
    });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const urlOf = (name: string) => banner.match(new RegExp(`${name}:? +(http://localhost:\\d+/graphql)`))![1].replace("localhost", "127.0.0.1");
  const identityUrl = () => urlOf("identity");
  const keptFile = () => path.join(folder, "dev-secrets.json");
  const signedWith = (gatewaySecret: string) => gatewayHeaders({ gatewaySecret } as Settings, "identity");

  it("run on secrets of this machine's own: made once, kept beside the data folder, readable by its owner only", () => {
    expect(imported).toContain("records:import: imported");
    // records:import made them; npm start found them.
    expect(banner).toContain(`Secrets:    kept in ${keptFile()}`);
    expect(statSync(keptFile()).mode & 0o777).toBe(0o600);
    const kept = JSON.parse(readFileSync(keptFile(), "utf8"));
    expect(kept.GATEWAY_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(kept.GATEWAY_SECRET).not.toBe(DEV_ONLY_GATEWAY_SECRET);
  });

  it("refuses a credential forged with the published dev-only secret", async () => {
    const forged = await postGraphQL(identityUrl(), "{ securityQuestionCatalog { id } }", {}, signedWith(DEV_ONLY_GATEWAY_SECRET));
    expect(forged.status).toBe(401);
  });

  it("accepts one signed with the kept secret, so that is the one in use", async () => {
    const kept = JSON.parse(readFileSync(keptFile(), "utf8"));
    const signed = await postGraphQL(identityUrl(), "{ securityQuestionCatalog { id } }", {}, signedWith(kept.GATEWAY_SECRET));
    expect(signed.status).toBe(200);
  });

  it("finds the tax ids records:import wrote: both used the same keys", async () => {
    const gatewayUrl = urlOf("Gateway");
    const run = async (operationName: string, variables: Record<string, unknown>) => {
      const response = await fetch(gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: contractOperation(operationName), operationName, variables }),
      });
      return answerData<Record<string, any>>(response.status, (await response.json()) as never);
    };
    const result = await enroll(run, DANA, { username: "dana.kept", password: GOOD_PASSWORD }, { accountType: "BANK", accountNumber: "2100000001" });
    expect(result.__typename).toBe("EnrollmentSucceeded");
  });
});
