import type { BenchUser } from "./comparisons";
import { snapshotWorkload } from "./comparisons";
import { HttpClient } from "./http-client";
import type { ProductionTargets } from "./production-targets";
import { httpTarget, measureTargets, type TargetPlan, type TargetStats } from "./targets";

/** The gateways of the peer comparison: the project's, the floor, Hive Gateway with either planner. */
export const GATEWAYS = ["project", "floor", "hive-rust", "hive-js"] as const;
export type GatewayName = (typeof GATEWAYS)[number];

export const GATEWAY_LABELS: Record<GatewayName, string> = {
  project: "Online Access gateway",
  floor: "floor: node:http, no GraphQL",
  "hive-rust": "Hive Gateway, Rust planner",
  "hive-js": "Hive Gateway, JS planner",
};

/** One user's Snapshot at one number of connections, through every gateway. */
export interface PeerCell {
  user: BenchUser;
  connections: number;
  stats: Record<GatewayName, TargetStats>;
}

/**
 * The contract's Snapshot through the four gateways over the same three subgraph processes, for
 * each user and each number of connections; in each cell the gateways take turns (targets.ts).
 */
export async function measurePeers(
  targets: ProductionTargets,
  users: BenchUser[],
  connectionCounts: number[],
  plan: TargetPlan,
  progress: (line: string) => void,
): Promise<PeerCell[]> {
  const urls: Record<GatewayName, string> = {
    project: targets.services.gatewayUrl,
    floor: targets.peers.floor.url,
    "hive-rust": targets.peers["hive-rust"].url,
    "hive-js": targets.peers["hive-js"].url,
  };
  const pids: Record<GatewayName, number> = {
    project: targets.pids.gateway,
    floor: targets.pids.floor,
    "hive-rust": targets.pids["hive-rust"],
    "hive-js": targets.pids["hive-js"],
  };
  const cells: PeerCell[] = [];
  for (const connections of connectionCounts) {
    const client = new HttpClient(connections);
    try {
      for (const user of users) {
        progress(`Snapshot of ${user.vehicleAccounts} vehicle account(s) at ${connections} connections through the four gateways`);
        const measured = await measureTargets(
          GATEWAYS.map((name) => httpTarget(GATEWAY_LABELS[name], client, snapshotWorkload(urls[name], user), [pids[name]])),
          plan,
          connections,
        );
        cells.push({ user, connections, stats: Object.fromEntries(GATEWAYS.map((name, i) => [name, measured[i]])) as Record<GatewayName, TargetStats> });
      }
    } finally {
      client.close();
    }
  }
  return cells;
}
