import { type ChildProcess, fork } from "node:child_process";
import { fromRoot } from "../project-root";
import type { BatchTimes } from "./load";
import type { Target } from "./targets";

const BOUND_ENTRY = "packages/cli/dist/bench/argon2-bound-main.js";

/** argon2id verifications alone, as a target measured beside the logins; `stop` ends its process. */
export interface Argon2Bound {
  target: Target;
  stop(): Promise<void>;
}

/**
 * Forks the bound's process (argon2-bound-main.ts, from the build): identity's verification of a
 * password against its hash, with identity's parameters, `concurrency` at once, nothing else.
 */
export async function startArgon2Bound(label = "argon2id verify alone (the bound)"): Promise<Argon2Bound> {
  const child = fork(fromRoot(BOUND_ENTRY), [], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let errors = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
  await nextMessage(child, () => errors);
  const run = async (requests: number, concurrency: number): Promise<BatchTimes> => {
    const answer = nextMessage(child, () => errors);
    child.send({ requests, concurrency });
    return (await answer) as BatchTimes;
  };
  return {
    target: { label, run, pids: [child.pid!] },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.disconnect();
      await exited;
    },
  };
}

function nextMessage(child: ChildProcess, errors: () => string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the argon2 bound's process exited with ${code}: ${errors().trim()}`));
    child.once("exit", onExit);
    child.once("message", (message) => {
      child.off("exit", onExit);
      resolve(message);
    });
  });
}
