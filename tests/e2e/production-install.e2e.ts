// The image installs only production dependencies (docker/Dockerfile: npm prune --omit=dev), so
// its entry points must never load a development package: not PGlite, not the in-process Redis,
// not composition's command, not the explorer. Each built entry runs here as the image runs it
// (NODE_ENV=production, PostgreSQL, Redis, tracing on) with every package that package-lock.json
// marks dev (what --omit=dev leaves out) made unresolvable; npm start shows PGlite and the
// in-process store load only on the embedded path. `npm test` builds before the tests.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, deadPort, type TestDatabase, TEST_REDIS_URL } from "@oa/platform/testing";
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { answerData } from "../../packages/cli/src/journeys/graphql-answer";
import { enroll } from "../../packages/cli/src/journeys/sign-in";
import { DANA, GOOD_PASSWORD, testRecords } from "../support/fixtures";

const ROOT = path.join(__dirname, "../..");
const EMBEDDED_ONLY = ["@electric-sql/pglite", "@electric-sql/pglite-socket", "ioredis-mock"];

/** Every package a production install leaves out, as its folder: `node_modules/x`, `node_modules/a/node_modules/@s/b`. */
function devOnlyPackages(): string[] {
  const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([folder, entry]) => folder.includes("node_modules/") && entry.dev === true)
    .map(([folder]) => folder);
}

// Loaded with --require before the entry: resolving into a dev-only package's folder fails as it
// would in the image, and is written to OA_BLOCKED_LOG.
const BLOCKER = `
const Module = require("node:module");
const fs = require("node:fs");
const path = require("node:path");
const root = process.env.OA_PROJECT_ROOT;
const devOnly = new Set(JSON.parse(fs.readFileSync(process.env.OA_DEV_ONLY_FILE, "utf8")));
function packageFolder(file) {
  const parts = path.relative(root, file).split(path.sep);
  let end = -1;
  parts.forEach((part, i) => { if (part === "node_modules") end = i + (parts[i + 1] && parts[i + 1].startsWith("@") ? 2 : 1); });
  return end < 0 ? null : parts.slice(0, end + 1).join("/");
}
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const file = resolve.call(this, request, parent, ...rest);
  const folder = path.isAbsolute(file) ? packageFolder(file) : null;
  if (folder && devOnly.has(folder)) {
    const from = parent && parent.filename ? path.relative(root, parent.filename) : "?";
    fs.appendFileSync(process.env.OA_BLOCKED_LOG, request + " (" + folder + ") from " + from + "\\n");
    const error = new Error("Cannot find module '" + request + "' (not in a production install)");
    error.code = "MODULE_NOT_FOUND";
    throw error;
  }
  return file;
};
`;

describe("a production install", () => {
  let folder: string;
  let blocker: string;
  let blockedLog: string;
  let database: TestDatabase;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "oa-production-"));
    blocker = path.join(folder, "block-dev-packages.js");
    writeFileSync(blocker, BLOCKER);
    writeFileSync(path.join(folder, "dev-only.json"), JSON.stringify(devOnlyPackages()));
    blockedLog = path.join(folder, "blocked.log");
    writeFileSync(blockedLog, "");
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const blocked = () => readFileSync(blockedLog, "utf8").split("\n").filter(Boolean);
  const blockedEmbeddedOnly = () => blocked().filter((line) => EMBEDDED_ONLY.some((name) => line.startsWith(`${name} `)));

  /** This environment without anything a developer may have exported, plus `extra`. */
  function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) if (process.env[name] !== undefined) env[name] = process.env[name];
    return { ...env, OA_PROJECT_ROOT: ROOT, OA_DEV_ONLY_FILE: path.join(folder, "dev-only.json"), OA_BLOCKED_LOG: blockedLog, ...extra };
  }

  /** Starts a built file with the blocker; its output is kept for the failure message. */
  function start(file: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
    const child = spawn(process.execPath, ["--require", blocker, path.join(ROOT, file)], { env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    return { child, output: () => output };
  }

  /** Runs a built file with the blocker to its end. */
  function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, ["--require", blocker, path.join(ROOT, file), ...args], { env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
      );
    });
  }

  /** Resolves once `url` answers 200; fails with the service's output after 60 s, or when it exits. */
  async function ready(url: string, services: { child: ChildProcess; output: () => string }[]): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const exited = services.find(({ child }) => child.exitCode !== null);
      if (exited) throw new Error(`a service exited with ${exited.child.exitCode}:\n${exited.output()}\nblocked: ${blocked().join("; ")}`);
      const status = await fetch(url).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within 60 s:\n${services.map(({ output }) => output()).join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function stop({ child }: { child: ChildProcess }): Promise<number | null> {
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    return exited;
  }

  it("leaves out the embedded-only packages: they are development dependencies", () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    const devOnly = devOnlyPackages();
    for (const name of EMBEDDED_ONLY) {
      expect({ name, dependency: name in manifest.dependencies, devDependency: name in manifest.devDependencies, leftOut: devOnly.includes(`node_modules/${name}`) }).toEqual({
        name,
        dependency: false,
        devDependency: true,
        leftOut: true,
      });
    }
  });

  it("makes a development package unresolvable here, as in the image", async () => {
    const probe = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(process.execPath, ["--require", blocker, "-e", 'require("ioredis-mock")'], { env: childEnv({}), cwd: ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, output: stdout + stderr }),
      ),
    );
    expect(probe.code).toBe(1);
    expect(probe.output).toContain("Cannot find module 'ioredis-mock' (not in a production install)");
    expect(blocked()).toEqual([expect.stringMatching(/^ioredis-mock \(node_modules\/ioredis-mock\) from /)]);
    writeFileSync(blockedLog, "");
  });

  it("runs the gateway, the three subgraphs, records:import and the support desk in production without one", async () => {
    const ports = { gateway: await deadPort(), identity: await deadPort(), deviceTrust: await deadPort(), vehicleAccount: await deadPort() };
    const supportSecret = randomBytes(32).toString("hex");
    const env = childEnv({
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `oa-test-production-${process.pid}:`,
      GATEWAY_SECRET: randomBytes(32).toString("hex"),
      TAX_ID_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      LOOKUP_HMAC_KEY: randomBytes(32).toString("hex"),
      SUPPORT_SECRET: supportSecret,
      GATEWAY_PORT: String(ports.gateway),
      IDENTITY_PORT: String(ports.identity),
      DEVICE_TRUST_PORT: String(ports.deviceTrust),
      VEHICLE_ACCOUNT_PORT: String(ports.vehicleAccount),
      IDENTITY_URL: `http://127.0.0.1:${ports.identity}/graphql`,
      DEVICE_TRUST_URL: `http://127.0.0.1:${ports.deviceTrust}/graphql`,
      VEHICLE_ACCOUNT_URL: `http://127.0.0.1:${ports.vehicleAccount}/graphql`,
      // Tracing loads its packages only when it has somewhere to send spans: here, nowhere that answers.
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await deadPort()}`,
    });
    const services = [
      start("subgraphs/device-trust/dist/index.js", env),
      start("subgraphs/vehicle-account/dist/index.js", env),
      start("subgraphs/identity/dist/index.js", env),
      start("gateway/dist/index.js", env),
    ];
    // The gateway's readiness asks every subgraph's, which ask their database and Redis.
    await ready(`http://127.0.0.1:${ports.gateway}/readyz`, services);

    const records = path.join(folder, "records.json");
    writeFileSync(records, JSON.stringify(testRecords()));
    const imported = await run("packages/cli/dist/records-import.js", [records], env);
    expect(imported).toMatchObject({ code: 0, output: expect.stringContaining("records:import: imported") });

    // Through the gateway, as a client in production sends it (a trusted document).
    const send = async (operationName: string, variables: Record<string, unknown>) => {
      const response = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: contractOperation(operationName), operationName, variables }),
      });
      return answerData<Record<string, any>>(response.status, (await response.json()) as never);
    };
    const enrolled = await enroll(send, DANA, { username: "dana.production", password: GOOD_PASSWORD }, { accountType: "BANK", accountNumber: "2100000001" });
    expect(enrolled.__typename).toBe("EnrollmentSucceeded");

    const events = await run("packages/cli/dist/support.js", ["events", "dana.production", "--limit", "1"], env);
    expect(events).toMatchObject({ code: 0, output: expect.stringContaining('"kind":"ENROLLED"') });

    for (const service of [...services].reverse()) expect(await stop(service)).toBe(0);
    expect(blocked()).toEqual([]);
  });

  it("runs npm start on PostgreSQL and Redis without PGlite or the in-process store, and needs them only on the embedded path", async () => {
    const ports = { GATEWAY_PORT: "0", IDENTITY_PORT: "0", DEVICE_TRUST_PORT: "0", VEHICLE_ACCOUNT_PORT: "0" };
    // Outside production npm start keeps secrets of its own: beside EMBEDDED_DATA_DIR, in this test's folder.
    const base = { LOG_LEVEL: "warn", EMBEDDED_DATA_DIR: path.join(folder, "pglite"), ...ports };
    const external = start(
      "packages/cli/dist/start.js",
      childEnv({ ...base, DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: `oa-test-start-${process.pid}:` }),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (external.output().includes("Press Ctrl-C to stop.")) resolve();
        else if (external.child.exitCode !== null) reject(new Error(`npm start exited with ${external.child.exitCode}:\n${external.output()}`));
        else return;
        clearInterval(timer);
      }, 250);
    });
    expect(await stop(external)).toBe(0);
    // (Outside production it also tries the local explorer's packages, and goes without it.)
    expect(blockedEmbeddedOnly()).toEqual([]);

    const embedded = start("packages/cli/dist/start.js", childEnv(base));
    const code = await new Promise<number | null>((resolve) => embedded.child.once("exit", resolve));
    expect({ code, output: embedded.output() }).toEqual({ code: 1, output: expect.stringContaining("Cannot find module '@electric-sql/pglite' (not in a production install)") });
    expect(blockedEmbeddedOnly()).toEqual(["@electric-sql/pglite (node_modules/@electric-sql/pglite) from packages/cli/dist/embedded-database.js"]);
  });
});
