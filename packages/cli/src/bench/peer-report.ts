import type { LoginResults } from "./login-comparison";
import { GATEWAY_LABELS, type GatewayName, type PeerCell } from "./peer-comparison";
import { formatRatio } from "./report";
import { ratio } from "./stats";
import type { TargetStats } from "./targets";

/** Goal 1 of the peer comparison: the project's requests/s at least this share of the floor's, and this multiple of Hive Gateway's with the Rust planner. */
export const FLOOR_GOAL = 0.9;
export const HIVE_RUST_GOAL = 1.5;
/** Goal 2: logins per second at least this share of argon2id's verifications per second. */
export const LOGIN_GOAL = 0.9;

const COLUMNS = ["", "req/s", "p50 ms", "p99 ms", "CPU ms/req"];

/** Rows of cells (the first padded right, the others left) and heading lines, laid out in columns. */
function layout(rows: (string[] | string)[]): string {
  const cells = rows.filter((row): row is string[] => Array.isArray(row));
  const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  return rows.map((row) => (typeof row === "string" ? row : row.map((cell, i) => (i === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[i]))).join("  "))).join("\n");
}

const cpu = (stats: TargetStats) => (stats.cpuMsPerRequest === null ? "-" : stats.cpuMsPerRequest.toFixed(2));

function statsRow(label: string, stats: TargetStats): string[] {
  return [`   ${label}`, stats.requestsPerSecond.toFixed(1), stats.p50Ms.toFixed(2), stats.p99Ms.toFixed(2), cpu(stats)];
}

function ratioRow(label: string, subject: TargetStats, baseline: TargetStats): string[] {
  const cpuRatio = subject.cpuMsPerRequest === null || baseline.cpuMsPerRequest === null ? "-" : formatRatio(ratio(subject.cpuMsPerRequest, baseline.cpuMsPerRequest));
  return [
    `   ${label}`,
    formatRatio(ratio(subject.requestsPerSecond, baseline.requestsPerSecond)),
    formatRatio(ratio(subject.p50Ms, baseline.p50Ms)),
    formatRatio(ratio(subject.p99Ms, baseline.p99Ms)),
    cpuRatio,
  ];
}

const PEERS: GatewayName[] = ["floor", "hive-rust", "hive-js"];

/** The project's requests/s ÷ a peer's, in one cell. */
export function throughputRatio(cell: PeerCell, peer: GatewayName): number | null {
  return ratio(cell.stats.project.requestsPerSecond, cell.stats[peer].requestsPerSecond);
}

function cellTitle(cell: PeerCell): string {
  const { vehicleAccounts, devices } = cell.user;
  return `${vehicleAccounts} vehicle account${vehicleAccounts === 1 ? "" : "s"}, ${devices} device${devices === 1 ? "" : "s"}; ${cell.connections} connections`;
}

function goalLine(label: string, values: (number | null)[], goal: number | null): string {
  const shown = values.map((value) => formatRatio(value)).join("  ");
  if (goal === null) return `   ${label}: ${shown} (no goal)`;
  const missed = values.filter((value) => value === null || value < goal).length;
  return `   ${label} ≥ ${goal.toFixed(2)}: ${shown} (${missed === 0 ? "met" : `NOT met in ${missed} of ${values.length}`})`;
}

/** The peer comparison: each cell's four gateways and the project's ratios, then the goals. */
export function formatPeerReport(cells: PeerCell[]): string {
  const rows: (string[] | string)[] = [COLUMNS];
  for (const cell of cells) {
    rows.push(cellTitle(cell));
    for (const name of ["project", ...PEERS] as GatewayName[]) rows.push(statsRow(GATEWAY_LABELS[name], cell.stats[name]));
    for (const peer of PEERS) rows.push(ratioRow(`Online Access ÷ ${peer === "floor" ? "floor" : GATEWAY_LABELS[peer]}`, cell.stats.project, cell.stats[peer]));
  }
  const order = cells.map((cell) => `${cell.user.vehicleAccounts}@${cell.connections}`).join(", ");
  return [
    "Snapshot through four gateways over the same three subgraph processes (NODE_ENV=production; each gateway a process of its own;",
    "CPU ms/req is the gateway's own process). Ratios: Online Access ÷ the peer.",
    layout(rows),
    `Goals, requests/s ratios (vehicle accounts@connections: ${order}):`,
    goalLine(
      "Online Access ÷ floor",
      cells.map((cell) => throughputRatio(cell, "floor")),
      FLOOR_GOAL,
    ),
    goalLine(
      "Online Access ÷ Hive Gateway, Rust planner",
      cells.map((cell) => throughputRatio(cell, "hive-rust")),
      HIVE_RUST_GOAL,
    ),
    goalLine(
      "Online Access ÷ Hive Gateway, JS planner",
      cells.map((cell) => throughputRatio(cell, "hive-js")),
      null,
    ),
    // Any gateway ÷ Hive = (that gateway ÷ floor) × (floor ÷ Hive), and nothing that parses, plans
    // and shapes answers outruns the floor: floor ÷ Hive is the most the second goal can show.
    `   ceiling: floor ÷ Hive Gateway, Rust planner: ${cells.map((cell) => formatRatio(ratio(cell.stats.floor.requestsPerSecond, cell.stats["hive-rust"].requestsPerSecond))).join("  ")}`,
  ].join("\n");
}

const mainThreadCpu = (stats: TargetStats) => (stats.mainThreadCpuMsPerRequest === null ? "-" : stats.mainThreadCpuMsPerRequest.toFixed(2));

/** The login comparison: both logins and the bound, the ratios, then the goal. */
export function formatLoginReport(results: LoginResults): string {
  const { registered, unregistered, bound } = results;
  const withMainThread = (row: string[], stats: TargetStats | null) => [...row, stats ? mainThreadCpu(stats) : "-"];
  const rows: (string[] | string)[] = [
    [...COLUMNS, "main threads"],
    withMainThread(statsRow("right password, registered device (LoginSucceeded)", registered), registered),
    withMainThread(statsRow("right password, unregistered device (StepUpRequired)", unregistered), unregistered),
    withMainThread(statsRow("argon2id verify alone (the bound)", bound), bound),
    withMainThread(ratioRow("registered device ÷ bound", registered, bound), null),
    withMainThread(ratioRow("unregistered device ÷ bound", unregistered, bound), null),
  ];
  const values = [ratio(registered.requestsPerSecond, bound.requestsPerSecond), ratio(unregistered.requestsPerSecond, bound.requestsPerSecond)];
  return [
    `Login through the gateway vs argon2id alone with identity's parameters, ${results.concurrency} in flight, each login another person's`,
    "(CPU ms/req: the gateway's and the subgraphs' processes for a login, the bound's own process for a verification; main threads: the",
    "same without their other threads, where argon2 hashes: what a login costs besides the hash).",
    layout(rows),
    "Goal, requests/s ratios (registered, unregistered):",
    goalLine("login ÷ argon2id bound", values, LOGIN_GOAL),
    loginBudgetLine(results),
  ].join("\n");
}

/**
 * With every core busy, logins/s ÷ verifications/s is the hash's CPU ÷ a login's whole CPU, so the
 * goal leaves a login this much CPU besides the hash, in every process it touches (the gateway, the
 * subgraphs, PostgreSQL, Redis, the client) together; beside it what the gateway's and the
 * subgraphs' processes alone spent.
 */
function loginBudgetLine({ registered, unregistered, bound }: LoginResults): string {
  const hash = bound.cpuMsPerRequest;
  if (hash === null) return "   CPU ms besides the hash: -";
  const budget = hash * (1 / LOGIN_GOAL - 1);
  const spent = (stats: TargetStats) => (stats.cpuMsPerRequest === null ? "-" : (stats.cpuMsPerRequest - hash).toFixed(2));
  return `   CPU ms besides the hash: at most ${budget.toFixed(2)} for the goal (all processes); the gateway and subgraphs alone spent ${spent(registered)}  ${spent(unregistered)}`;
}
