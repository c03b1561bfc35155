import { createServer, type Server } from "node:http";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { unifiedGraphHandler as rustPlanner } from "@graphql-hive/router-runtime";
import type { SessionStore } from "@oa/platform";
import { hiveCredentialsPlugin } from "./hive-credentials.plugin";
import { closePeerServer, listenAsPeer } from "./peer-server";

/** Hive Gateway's own query planner (JavaScript), or Hive Router's (Rust, a native addon). */
export type HivePlanner = "js" | "rust";

export interface HiveGatewayOptions {
  /** The committed supergraph, with the deployment's routing URLs (`loadSupergraph`). */
  supergraphSdl: string;
  planner: HivePlanner;
  sessions: SessionStore;
  gatewaySecret: string;
}

export interface RunningHiveGateway {
  url: string;
  close(): Promise<void>;
}

/**
 * Hive Gateway over the project's supergraph and subgraphs, with the project's session look-up and
 * per-fetch credentials (hiveCredentialsPlugin): a peer the project's gateway can be swapped for.
 * Its deduplication of identical in-flight subgraph fetches is off: it keys them before the plugin
 * signs, so two users' identical fetches would share one user's credential.
 */
export async function startHiveGateway(options: HiveGatewayOptions, port = 0, host = "127.0.0.1"): Promise<RunningHiveGateway> {
  const runtime = createGatewayRuntime({
    supergraph: options.supergraphSdl,
    ...(options.planner === "rust" ? { unifiedGraphHandler: rustPlanner } : {}),
    plugins: () => [hiveCredentialsPlugin({ sessions: options.sessions, gatewaySecret: options.gatewaySecret })],
    transportEntries: { "*.http": { options: { deduplicateInflightRequests: false } } },
    logging: "error",
    graphiql: false,
    landingPage: false,
  });
  const server: Server = createServer(runtime);
  const url = await listenAsPeer(server, port, host);
  return {
    url,
    async close() {
      await closePeerServer(server);
      await runtime.dispose();
    },
  };
}
