import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Invalid documents of about `bytes`, each of a kind that once cost the gateway tens of milliseconds to refuse. */
export function junkDocuments(bytes = 90 * 1024): string[] {
  const fill = (unit: string, head: string, tail: string) => head + unit.repeat(Math.floor((bytes - head.length - tail.length) / unit.length)) + tail;
  return [
    fill("$a: Int ", "query (", ") { __typename }"), // the same variable defined over and over
    fill("a: 1 ", "{ __typename(", ") }"), // the same argument over and over
    fill("a ", "{ ", " }"), // unknown fields
    fill("@a ", "{ __typename ", "}"), // unknown directives
  ];
}

// Runs in a process of its own, so that sending the junk costs the gateway's process nothing:
// `parallel` requests in flight, each sent again as soon as it is answered, until stdin closes.
const FLOOD_SCRIPT = `
const [url, parallel] = [process.argv[1], Number(process.argv[2])];
const bodies = JSON.parse(require("node:fs").readFileSync(process.argv[3], "utf8")).map((query) => JSON.stringify({ query }));
let stopping = false, answered = 0, started = false;
const statuses = {};
process.stdin.on("end", () => { stopping = true; }).resume();
async function loop(i) {
  while (!stopping) {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: bodies[i % bodies.length] });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    answered += 1;
    if (!started && answered >= parallel) { started = true; process.stdout.write("flooding\\n"); }
  }
}
Promise.all(Array.from({ length: parallel }, (_, i) => loop(i))).then(() => process.stdout.write(JSON.stringify({ answered, statuses }) + "\\n"));
`;

export interface JunkFlood {
  /** Stops sending; resolves to how many junk requests were answered, by HTTP status. */
  stop(): Promise<{ answered: number; statuses: Record<string, number> }>;
}

/** Starts `parallel` clients sending junk documents to `url` without pause; resolves once every client has had an answer. */
export async function startJunkFlood(url: string, parallel: number, documents = junkDocuments()): Promise<JunkFlood> {
  // Too large for a command line: the documents go through a file.
  const folder = mkdtempSync(path.join(tmpdir(), "oa-junk-"));
  const file = path.join(folder, "documents.json");
  writeFileSync(file, JSON.stringify(documents));
  const child: ChildProcess = spawn(process.execPath, ["-e", FLOOD_SCRIPT, url, String(parallel), file], { stdio: ["pipe", "pipe", "inherit"] });
  child.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the junk flood did not start within 60 s")), 60_000);
    child.once("exit", (code) => reject(new Error(`the junk flood exited with ${code}`)));
    child.stdout!.on("data", () => {
      if (output.includes("flooding\n")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    async stop() {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.stdin!.end();
      await exited;
      return JSON.parse(output.split("\n").filter(Boolean).pop()!);
    },
  };
}
