import { createDeviceTrustService } from "@oa/device-trust";
import { createGateway } from "@oa/gateway";
import { createIdentityService } from "@oa/identity";
import { createLogger, type RedisClient, type RunningService, type Settings, type StaticPage, type Stoppable, type TrackStarted } from "@oa/platform";
import { createVehicleAccountService } from "@oa/vehicle-account";

/** Port 0 for all four services: each gets a free one (tests and the benchmark, beside other runs). */
export const ANY_FREE_PORTS = { gatewayPort: 0, identityPort: 0, deviceTrustPort: 0, vehicleAccountPort: 0 } as const;

export interface LocalSystemOptions<Elsewhere extends SubgraphName = never> {
  /**
   * Subgraphs that run elsewhere, at these URLs: they are not started here, and the gateway (and
   * identity, for its internal calls) call them there. By default all three run here.
   */
  elsewhere?: Partial<Record<Elsewhere, string>>;
  /**
   * The one Redis client (or in-process store) all four services share, left open by them: whoever
   * made it closes it, after `services`. By default each service makes (and closes) its own.
   */
  redis?: RedisClient;
  /** Each subgraph's database pool; undefined keeps the default. */
  poolSize?: number;
  /** Told of every SQL statement any of the three subgraphs runs, and which ran it (for counting them). */
  onQuery?: (sql: string, subgraph: SubgraphName) => void;
  /** Told of every password or support proof check identity makes (tests count them). */
  onPasswordCheck?: () => void;
  /** Runs after the migrations and before anything listens (e.g. loading the demo records). */
  afterMigrations?: (settings: Settings) => Promise<void>;
  /**
   * Runs once the three subgraphs listen and before the gateway does (e.g. enrolling the demo
   * login), so the gateway's /readyz answers 200 only once it is done. Gets the wired settings.
   */
  beforeGateway?: (settings: Settings) => Promise<void>;
  /**
   * Where the others reach a subgraph started here: maps its real URL to the URL the gateway and
   * identity call (e.g. a recording proxy in front of it, in tests). By default the real URL.
   */
  route?: (name: SubgraphName, url: string) => string;
  /** Pages the gateway serves beside /graphql (the web page, in development: web-page.ts). */
  pages?: ReadonlyMap<string, StaticPage>;
  /** Host to listen on; by default `settings.host` (HOST, loopback unless set), as the standalone services do. */
  host?: string;
  /** Told of each service as soon as it exists, so a signal during the start can close it. */
  track?: TrackStarted;
  /** Aborted by a stop request: the start gives up (throwing its reason) before its next step. */
  signal?: AbortSignal;
}

export type SubgraphName = "identity" | "device-trust" | "vehicle-account";

/** The services running in this process (the gateway and the subgraphs not elsewhere), and where. */
export interface LocalSystem<Local extends SubgraphName = SubgraphName> {
  /** The settings the services run with: the subgraph URLs are where the others call them (where they listen, unless routed, or elsewhere). */
  settings: Settings;
  gatewayUrl: string;
  /** Every subgraph's URL as the others call it (routed, for those started here), here or elsewhere. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Each subgraph started here: its HTTP listener (its server, e.g. to count connections); `services` closes them. */
  subgraphs: Record<Local, RunningService>;
  /** In start order: closing them in reverse stops the gateway first. */
  services: Stoppable[];
}

/** `service` whose close runs once however often it is asked (a signal and a failed start may both ask). */
function closingOnce(service: Stoppable): Stoppable {
  let closing: Promise<void> | undefined;
  return { close: () => (closing ??= service.close()) };
}

/**
 * Starts the three subgraphs (those not `elsewhere`) and the gateway in this process, each on its
 * port from the settings, wired to each other over HTTP at the ports they actually got (as
 * separate processes would be) and to the subgraphs elsewhere at their URLs. Migrations run first.
 * On a failure or a stop request part way, whatever had started is closed again.
 */
export async function startLocalSystem<Elsewhere extends SubgraphName = never>(
  settings: Settings,
  options: LocalSystemOptions<Elsewhere> = {},
): Promise<LocalSystem<Exclude<SubgraphName, Elsewhere>>> {
  const services: Stoppable[] = [];
  const started = <T extends Stoppable>(service: T): T => {
    const closer = closingOnce(service);
    services.push(closer);
    options.track?.(closer);
    return service;
  };
  const checkNotStopped = () => options.signal?.throwIfAborted();
  const elsewhere: Partial<Record<SubgraphName, string>> = options.elsewhere ?? {};
  const { onQuery } = options;
  const serviceOptions = (name: SubgraphName) => ({
    logger: createLogger(settings.logLevel, { service: name }),
    redis: options.redis,
    poolSize: options.poolSize,
    onQuery: onQuery && ((sql: string) => onQuery(sql, name)),
  });
  // device-trust calls identity (a removed device's sessions), which listens last: it asks where when it calls.
  let identityUrl = elsewhere.identity ?? settings.identityUrl;
  try {
    checkNotStopped();
    const deviceTrust = elsewhere["device-trust"]
      ? undefined
      : started(await createDeviceTrustService(settings, { ...serviceOptions("device-trust"), identityUrl: () => identityUrl }));
    checkNotStopped();
    const vehicleAccount = elsewhere["vehicle-account"] ? undefined : started(await createVehicleAccountService(settings, serviceOptions("vehicle-account")));
    for (const service of [deviceTrust, vehicleAccount]) {
      checkNotStopped();
      await service?.migrate();
    }
    checkNotStopped();
    // identity is built once the other two listen: it calls them at the URLs they really got.
    const running: Partial<Record<SubgraphName, RunningService>> = {};
    if (deviceTrust) running["device-trust"] = await deviceTrust.listen(settings.deviceTrustPort, options.host ?? settings.host);
    if (vehicleAccount) running["vehicle-account"] = await vehicleAccount.listen(settings.vehicleAccountPort, options.host ?? settings.host);
    const route = options.route ?? ((_name: SubgraphName, url: string) => url);
    const urlOf = (name: SubgraphName): string | undefined => {
      const listening = running[name];
      return listening ? route(name, listening.url) : elsewhere[name];
    };
    let wired: Settings = {
      ...settings,
      deviceTrustUrl: urlOf("device-trust") ?? settings.deviceTrustUrl,
      vehicleAccountUrl: urlOf("vehicle-account") ?? settings.vehicleAccountUrl,
      identityUrl: elsewhere.identity ?? settings.identityUrl,
    };

    checkNotStopped();
    const identity = elsewhere.identity ? undefined : started(await createIdentityService(wired, { ...serviceOptions("identity"), onPasswordCheck: options.onPasswordCheck }));
    await identity?.migrate();
    checkNotStopped();
    if (options.afterMigrations) await options.afterMigrations(wired);
    checkNotStopped();
    if (identity) {
      running.identity = await identity.listen(settings.identityPort, options.host ?? settings.host);
      wired = { ...wired, identityUrl: urlOf("identity")! };
      identityUrl = wired.identityUrl;
    }
    checkNotStopped();
    if (options.beforeGateway) await options.beforeGateway(wired);

    checkNotStopped();
    const gateway = started(createGateway(wired, { logger: createLogger(settings.logLevel, { service: "gateway" }), redis: options.redis, pages: options.pages }));
    const gatewayRunning = await gateway.listen(settings.gatewayPort, options.host ?? settings.host);
    checkNotStopped();

    return {
      settings: wired,
      gatewayUrl: gatewayRunning.url,
      subgraphUrls: { identity: wired.identityUrl, "device-trust": wired.deviceTrustUrl, "vehicle-account": wired.vehicleAccountUrl },
      // Exactly the subgraphs not elsewhere were started above.
      subgraphs: running as Record<Exclude<SubgraphName, Elsewhere>, RunningService>,
      services,
    };
  } catch (error) {
    for (const service of [...services].reverse()) await service.close().catch(() => undefined);
    throw error;
  }
}
