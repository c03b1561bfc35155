import { createDeviceTrustService } from "@oa/device-trust";
import { createGateway } from "@oa/gateway";
import { createIdentityService } from "@oa/identity";
import { createLogger, type RedisClient, type RunningService, type Settings, type Stoppable, type TrackStarted } from "@oa/platform";
import { createVehicleAccountService } from "@oa/vehicle-account";

/** Port 0 for all four services: each gets a free one (tests and the benchmark, beside other runs). */
export const ANY_FREE_PORTS = { gatewayPort: 0, identityPort: 0, deviceTrustPort: 0, vehicleAccountPort: 0 } as const;

export interface LocalSystemOptions {
  /** The one Redis client (or in-process store) all four services share; by default each makes its own from the settings. */
  redis?: RedisClient;
  /** Each subgraph's database pool; undefined keeps the default. */
  poolSize?: number;
  /** Told of every SQL statement any of the three subgraphs runs (for counting them). */
  onQuery?: (sql: string) => void;
  /** Runs after the migrations and before anything listens (e.g. loading the demo records). */
  afterMigrations?: (settings: Settings) => Promise<void>;
  /**
   * Runs once the three subgraphs listen and before the gateway does (e.g. enrolling the demo
   * login), so the gateway's /readyz answers 200 only once it is done. Gets the wired settings.
   */
  beforeGateway?: (settings: Settings) => Promise<void>;
  /** Host to listen on; by default every interface, as the standalone services do. */
  host?: string;
  /** Told of each service as soon as it exists, so a signal during the start can close it. */
  track?: TrackStarted;
  /** Aborted by a stop request: the start gives up (throwing its reason) before its next step. */
  signal?: AbortSignal;
}

export type SubgraphName = "identity" | "device-trust" | "vehicle-account";

/** The four services running in this process, and where. */
export interface LocalSystem {
  /** The settings the services run with: the subgraph URLs are where they actually listen. */
  settings: Settings;
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** Each subgraph's HTTP listener (its server, e.g. to count connections); `services` closes them. */
  subgraphs: Record<SubgraphName, RunningService>;
  /** In start order: closing them in reverse stops the gateway first. */
  services: Stoppable[];
}

/** `service` whose close runs once however often it is asked (a signal and a failed start may both ask). */
function closingOnce(service: Stoppable): Stoppable {
  let closing: Promise<void> | undefined;
  return { close: () => (closing ??= service.close()) };
}

/**
 * Starts the three subgraphs and the gateway in this process, each on its port from the settings,
 * wired to each other over HTTP at the ports they actually got (as separate processes would be).
 * Migrations run first. On a failure or a stop request part way, whatever had started is closed again.
 */
export async function startLocalSystem(settings: Settings, options: LocalSystemOptions = {}): Promise<LocalSystem> {
  const services: Stoppable[] = [];
  const started = <T extends Stoppable>(service: T): T => {
    const closer = closingOnce(service);
    services.push(closer);
    options.track?.(closer);
    return service;
  };
  const checkNotStopped = () => options.signal?.throwIfAborted();
  const serviceOptions = (name: SubgraphName) => ({
    logger: createLogger(settings.logLevel, { service: name }),
    redis: options.redis,
    poolSize: options.poolSize,
    onQuery: options.onQuery,
  });
  try {
    checkNotStopped();
    const deviceTrust = started(await createDeviceTrustService(settings, serviceOptions("device-trust")));
    checkNotStopped();
    const vehicleAccount = started(await createVehicleAccountService(settings, serviceOptions("vehicle-account")));
    for (const service of [deviceTrust, vehicleAccount]) {
      checkNotStopped();
      await service.migrate();
    }
    checkNotStopped();
    // identity is built once the other two listen: it calls them at the URLs they really got.
    const deviceTrustRunning = await deviceTrust.listen(settings.deviceTrustPort, options.host);
    const vehicleAccountRunning = await vehicleAccount.listen(settings.vehicleAccountPort, options.host);
    let wired: Settings = { ...settings, deviceTrustUrl: deviceTrustRunning.url, vehicleAccountUrl: vehicleAccountRunning.url };

    checkNotStopped();
    const identity = started(await createIdentityService(wired, serviceOptions("identity")));
    await identity.migrate();
    checkNotStopped();
    if (options.afterMigrations) await options.afterMigrations(wired);
    checkNotStopped();
    const identityRunning = await identity.listen(settings.identityPort, options.host);
    wired = { ...wired, identityUrl: identityRunning.url };
    checkNotStopped();
    if (options.beforeGateway) await options.beforeGateway(wired);

    checkNotStopped();
    const gateway = started(createGateway(wired, { logger: createLogger(settings.logLevel, { service: "gateway" }), redis: options.redis }));
    const gatewayRunning = await gateway.listen(settings.gatewayPort, options.host);
    checkNotStopped();

    const subgraphs = { identity: identityRunning, "device-trust": deviceTrustRunning, "vehicle-account": vehicleAccountRunning };
    return {
      settings: wired,
      gatewayUrl: gatewayRunning.url,
      subgraphUrls: { identity: identityRunning.url, "device-trust": deviceTrustRunning.url, "vehicle-account": vehicleAccountRunning.url },
      subgraphs,
      services,
    };
  } catch (error) {
    for (const service of [...services].reverse()) await service.close().catch(() => undefined);
    throw error;
  }
}
