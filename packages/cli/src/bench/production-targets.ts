import { randomBytes } from "node:crypto";
import type { Settings } from "@oa/platform";
import { cleanEnvironment, type StandaloneName, type StandaloneServices, startStandaloneServices } from "../standalone-services";
import { type PeerName, type PeerProcess, startPeerProcess } from "./peers/peer-processes";

/** The secrets of one benchmark run: fresh ones, since production refuses the dev-only values. */
export interface BenchSecrets {
  gatewaySecret: string;
  supportSecret: string;
  taxIdEncryptionKey: Buffer;
  lookupHmacKey: Buffer;
}

export function newBenchSecrets(): BenchSecrets {
  return {
    gatewaySecret: randomBytes(32).toString("hex"),
    supportSecret: randomBytes(32).toString("hex"),
    taxIdEncryptionKey: randomBytes(32),
    lookupHmacKey: randomBytes(32),
  };
}

/** The variables that give a process the run's secrets. */
export function secretsEnvironment(secrets: BenchSecrets): Record<string, string> {
  return {
    GATEWAY_SECRET: secrets.gatewaySecret,
    SUPPORT_SECRET: secrets.supportSecret,
    TAX_ID_ENCRYPTION_KEY: secrets.taxIdEncryptionKey.toString("hex"),
    LOOKUP_HMAC_KEY: secrets.lookupHmacKey.toString("hex"),
  };
}

/** The gateways measured side by side, each a process of its own, over the same three subgraph processes. */
export interface ProductionTargets {
  /** The project's four services (NODE_ENV=production), as deployed. */
  services: StandaloneServices;
  peers: Record<PeerName, PeerProcess>;
  /** Every process by name, for its CPU time and memory. */
  pids: Record<StandaloneName | PeerName, number>;
  stop(): Promise<void>;
}

export interface ProductionTargetOptions {
  /** Node flags for every process (`--cpu-prof`). */
  nodeFlags?: string[];
}

/**
 * Starts the project's four services from their build with NODE_ENV=production over the
 * benchmark's database and Redis (so its users and sessions work there), then the floor and Hive
 * Gateway with both planners over the same three subgraph processes.
 */
export async function startProductionTargets(settings: Settings, secrets: BenchSecrets, options: ProductionTargetOptions = {}): Promise<ProductionTargets> {
  const base = {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    DATABASE_URL: settings.databaseUrl!,
    REDIS_URL: settings.redisUrl!,
    REDIS_KEY_PREFIX: settings.redisKeyPrefix,
    ...secretsEnvironment(secrets),
  };
  const services = await startStandaloneServices({ env: cleanEnvironment(base), nodeFlags: options.nodeFlags });
  const peers: Partial<Record<PeerName, PeerProcess>> = {};
  const stop = async () => {
    for (const peer of Object.values(peers)) await peer.stop();
    await services.stop();
  };
  try {
    const env = cleanEnvironment({
      ...base,
      IDENTITY_URL: services.urls.identity,
      DEVICE_TRUST_URL: services.urls["device-trust"],
      VEHICLE_ACCOUNT_URL: services.urls["vehicle-account"],
    });
    // Side by side: each spends its start loading code, mostly on a core of its own.
    const started = await Promise.allSettled(
      (["floor", "hive-rust", "hive-js"] as const).map(async (name) => (peers[name] = await startPeerProcess(name, env, options.nodeFlags))),
    );
    const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    if (failed) throw failed.reason;
    const all = peers as Record<PeerName, PeerProcess>;
    return {
      services,
      peers: all,
      pids: { ...services.pids, floor: all.floor.pid, "hive-rust": all["hive-rust"].pid, "hive-js": all["hive-js"].pid },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
