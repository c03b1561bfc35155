import { type ChildProcess, spawn } from "node:child_process";
import { freeLoopbackPort } from "@oa/platform/testing";
import { fromRoot } from "./project-root";

/** The four services, each a process of its own, as in docker/ (their built `dist/index.js`). */
export const STANDALONE_ENTRIES = {
  "device-trust": "subgraphs/device-trust/dist/index.js",
  "vehicle-account": "subgraphs/vehicle-account/dist/index.js",
  identity: "subgraphs/identity/dist/index.js",
  gateway: "gateway/dist/index.js",
} as const;

export type StandaloneName = keyof typeof STANDALONE_ENTRIES;

export interface StandaloneOptions {
  /** Everything but the ports and the subgraph URLs (which are chosen here): DATABASE_URL, REDIS_URL, LOG_LEVEL, OTEL_*, ... */
  env: NodeJS.ProcessEnv;
  /** Keep every line each service writes to stdout (tests read them); by default stdout is dropped. */
  keepOutput?: boolean;
  /** Node's own flags for every service (e.g. `--cpu-prof`), before the entry point. */
  nodeFlags?: string[];
  readyTimeoutMs?: number;
}

export interface StandaloneServices {
  gatewayUrl: string;
  urls: Record<StandaloneName, string>;
  /** Each service's process id (the benchmark reads their CPU time and memory). */
  pids: Record<StandaloneName, number>;
  /** Each service's exit code once it has exited (null: ended by a signal). */
  exited: Record<StandaloneName, Promise<number | null>>;
  /** Each service's stdout lines so far (with `keepOutput`), and its stderr. */
  output: Record<StandaloneName, string[]>;
  errors: Record<StandaloneName, string[]>;
  /** SIGTERM to each, the gateway first; resolves to each one's exit code (null: killed after 10 s). */
  stop(): Promise<Record<StandaloneName, number | null>>;
}

// The project's settings and OpenTelemetry's: a child gets only those it is given.
const SETTING_NAMES =
  /^(OTEL_|GATEWAY_|IDENTITY_|DEVICE_TRUST_|VEHICLE_ACCOUNT_|TAX_ID_|LOOKUP_|SUPPORT_|METRICS_|SESSION_|LOCKOUT_|CLIENT_|SECURITY_CODE_|STEP_UP_|REFRESH_TOKEN_|TLS_|TRUSTED_|WEB_ORIGINS$|AUTHORIZED_CREDITORS$|MESSAGE_OUTBOX_FILE$|EMBEDDED_|HOST$|DATABASE_URL$|REDIS_|LOG_LEVEL$|NODE_ENV$)/;

/** This process's environment without any project or OpenTelemetry setting a developer may have exported, plus `extra`. */
export function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SETTING_NAMES.test(name)));
  return { ...env, ...extra };
}

/** Collects a stream's text as lines. */
function collectLines(stream: NodeJS.ReadableStream, into: string[]): void {
  let partial = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    into.push(...lines);
  });
  stream.on("end", () => {
    if (partial) into.push(partial);
  });
}

/**
 * Starts the three subgraphs and the gateway as four processes on free loopback ports, wired to
 * each other, and waits until the gateway's /readyz answers 200 (so every subgraph is ready).
 * The subgraphs run their migrations as they start. On a failure everything started is stopped.
 */
export async function startStandaloneServices(options: StandaloneOptions): Promise<StandaloneServices> {
  const names = Object.keys(STANDALONE_ENTRIES) as StandaloneName[];
  const ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await freeLoopbackPort()] as const))) as Record<StandaloneName, number>;
  const urls = Object.fromEntries(names.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])) as Record<StandaloneName, string>;
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    HOST: "127.0.0.1",
    GATEWAY_PORT: String(ports.gateway),
    IDENTITY_PORT: String(ports.identity),
    DEVICE_TRUST_PORT: String(ports["device-trust"]),
    VEHICLE_ACCOUNT_PORT: String(ports["vehicle-account"]),
    IDENTITY_URL: urls.identity,
    DEVICE_TRUST_URL: urls["device-trust"],
    VEHICLE_ACCOUNT_URL: urls["vehicle-account"],
  };
  const output = Object.fromEntries(names.map((name) => [name, [] as string[]])) as Record<StandaloneName, string[]>;
  const errors = Object.fromEntries(names.map((name) => [name, [] as string[]])) as Record<StandaloneName, string[]>;
  const children = new Map<StandaloneName, ChildProcess>();
  const exited = {} as Record<StandaloneName, Promise<number | null>>;
  for (const name of names) {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), fromRoot(STANDALONE_ENTRIES[name])], {
      env,
      stdio: ["ignore", options.keepOutput ? "pipe" : "ignore", "pipe"],
    });
    if (child.stdout) collectLines(child.stdout, output[name]);
    collectLines(child.stderr!, errors[name]);
    children.set(name, child);
    exited[name] = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  const stop = async () => {
    const codes = {} as Record<StandaloneName, number | null>;
    for (const name of [...names].reverse()) {
      const child = children.get(name)!;
      if (child.exitCode !== null || child.signalCode !== null) {
        codes[name] = child.exitCode;
        continue;
      }
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      codes[name] = await exited;
      clearTimeout(timer);
    }
    return codes;
  };

  try {
    await waitUntilReady(urls.gateway, children, errors, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const pids = Object.fromEntries(names.map((name) => [name, children.get(name)!.pid!])) as Record<StandaloneName, number>;
  return { gatewayUrl: urls.gateway, urls, pids, exited, output, errors, stop };
}

async function waitUntilReady(gatewayUrl: string, children: Map<StandaloneName, ChildProcess>, errors: Record<StandaloneName, string[]>, timeoutMs: number): Promise<void> {
  const readyz = new URL("/readyz", gatewayUrl);
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    for (const [name, child] of children) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${errors[name].join("\n")}`);
    }
    const status = await fetch(readyz, { signal: AbortSignal.timeout(3_000) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > giveUpAt) throw new Error(`the standalone services were not ready within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
