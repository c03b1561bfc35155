import { loadSupergraph } from "@oa/gateway";
import { closeRedis, createRedis, loadSettings, runService, SessionStore, sessionLifetimes } from "@oa/platform";
import { startFloorServer } from "./floor-server";
import { startHiveGateway } from "./hive-gateway";

// A peer of the project's gateway as a process of its own, for the benchmark (peer-processes.ts):
// `node peer-main.js floor|hive-js|hive-rust`, configured by the same variables as the services
// (REDIS_URL, REDIS_KEY_PREFIX, GATEWAY_SECRET, the subgraph URLs, PEER_PORT); prints
// "listening <url>" once it serves, and stops on SIGTERM.
const PEERS = ["floor", "hive-js", "hive-rust"] as const;
type PeerName = (typeof PEERS)[number];

const name = process.argv[2] as PeerName;

void runService(`peer ${name}`, async () => {
  if (!PEERS.includes(name)) throw new Error(`the peer must be one of ${PEERS.join(", ")}, got "${name}"`);
  const settings = loadSettings();
  const redis = createRedis(settings, `peer-${name}`);
  const sessions = new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings));
  const port = Number(process.env.PEER_PORT ?? 0);
  const running =
    name === "floor"
      ? await startFloorServer(
          {
            sessions,
            gatewaySecret: settings.gatewaySecret,
            subgraphUrls: { identity: settings.identityUrl, "device-trust": settings.deviceTrustUrl, "vehicle-account": settings.vehicleAccountUrl },
          },
          port,
        )
      : await startHiveGateway(
          { supergraphSdl: loadSupergraph(settings).sdl, planner: name === "hive-rust" ? "rust" : "js", sessions, gatewaySecret: settings.gatewaySecret },
          port,
        );
  process.stdout.write(`listening ${running.url}\n`);
  return [{ close: () => closeRedis(redis) }, running];
});
