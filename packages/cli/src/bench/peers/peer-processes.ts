import { type ChildProcess, spawn } from "node:child_process";
import { fromRoot } from "../../project-root";

/** The peers the benchmark runs beside the project's gateway, each a process of its own. */
export type PeerName = "floor" | "hive-js" | "hive-rust";

const PEER_ENTRY = "packages/cli/dist/bench/peers/peer-main.js";

export interface PeerProcess {
  name: PeerName;
  url: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves to the exit code (null when killed). */
  stop(): Promise<number | null>;
}

/**
 * Starts a peer (peer-main.ts, from the build) with `env` (the same variables as the project's
 * services get) and waits until it says where it listens.
 */
export async function startPeerProcess(name: PeerName, env: NodeJS.ProcessEnv, nodeFlags: string[] = [], readyTimeoutMs = 60_000): Promise<PeerProcess> {
  const child = spawn(process.execPath, [...nodeFlags, fromRoot(PEER_ENTRY), name], { env, stdio: ["ignore", "pipe", "pipe"] });
  const stop = () => stopChild(child);
  try {
    const url = await listeningUrl(child, name, readyTimeoutMs);
    return { name, url, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listeningUrl(child: ChildProcess, name: PeerName, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output: string | null = "";
    let errors = "";
    const timer = setTimeout(() => reject(new Error(`peer ${name} did not listen within ${timeoutMs / 1000} s: ${errors}`)), timeoutMs);
    // The first few kilobytes are enough to say why a peer did not start.
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (errors = (errors + chunk).slice(0, 8_192)));
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      // Read (and dropped) to the end, so a peer that writes never blocks on a full pipe.
      if (output === null) return;
      output += chunk;
      const match = /^listening (\S+)$/m.exec(output);
      if (match) {
        output = null;
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`peer ${name} exited with ${code}: ${errors.trim()}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
