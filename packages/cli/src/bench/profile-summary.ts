import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The parts of a V8 .cpuprofile (node --cpu-prof) a summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's code is from: a package, the project's own code, Node itself, or V8's bookkeeping. */
export function originOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node";
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)];
  if (packages.length > 0) return packages[packages.length - 1][1];
  const own = /\/(gateway|subgraphs\/[^/]+|packages\/[^/]+)\//.exec(url);
  return own ? `@oa:${own[1]}` : url;
}

/** Self time (µs) by key, from a profile's samples. */
function selfTimes(profile: CpuProfile, keyOf: (frame: CpuProfile["nodes"][number]["callFrame"]) => string): Map<string, number> {
  const byNode = new Map(profile.nodes.map((node) => [node.id, keyOf(node.callFrame)]));
  const times = new Map<string, number>();
  profile.samples.forEach((nodeId, i) => {
    const key = byNode.get(nodeId)!;
    times.set(key, (times.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return times;
}

function top(times: Map<string, number>, total: number, count: number): string[] {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `     ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

/** One profile's busy time by origin and its busiest functions (self time, idle left out). */
export function summariseProfile(profile: CpuProfile, label: string, count = 12): string {
  const functions = selfTimes(
    profile,
    (frame) => `${frame.functionName || "(anonymous)"}  ${originOf(frame.url, frame.functionName)}${frame.url ? `:${frame.lineNumber + 1}` : ""}`,
  );
  const origins = selfTimes(profile, (frame) => originOf(frame.url, frame.functionName));
  for (const times of [functions, origins]) for (const key of [...times.keys()]) if (key.startsWith("(idle)")) times.delete(key);
  const busy = [...origins.values()].reduce((sum, micros) => sum + micros, 0);
  return [
    `   ${label}: ${(busy / 1000).toFixed(0)} ms busy`,
    "     by origin (self time):",
    ...top(origins, busy, count),
    "     busiest functions (self time):",
    ...top(functions, busy, count),
  ].join("\n");
}

/** Summaries of the profiles node --cpu-prof wrote into `folder`, each named by its process (by pid). */
export function summariseProfiles(folder: string, names: Record<string, number>): string {
  const byPid = new Map(Object.entries(names).map(([name, pid]) => [pid, name]));
  // Named CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile; those of other runs are left out.
  const pidOf = (file: string) => Number(/\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(file)?.[1]);
  const files = readdirSync(folder).filter((file) => file.endsWith(".cpuprofile") && byPid.has(pidOf(file)));
  const summaries = files.map((file) => {
    const profile = JSON.parse(readFileSync(path.join(folder, file), "utf8")) as CpuProfile;
    return summariseProfile(profile, `${byPid.get(pidOf(file))} (${file})`);
  });
  return [`CPU profiles of the processes (node --cpu-prof, in ${folder}):`, ...summaries].join("\n");
}
