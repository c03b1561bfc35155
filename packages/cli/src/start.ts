// First, before the heavy modules load: a signal while they load still stops cleanly.
import { releaseEarlyStop } from "./early-stop";
// Next, before them too: tracing patches pg and ioredis as they load (and graphql loads there, in production mode).
import { tracing } from "./tracing";
import path from "node:path";
import { closeRedis, createLogger, createRedis, loadSettings, runService, type Settings, type Stoppable } from "@oa/platform";
import { DEMO_LOGIN, demoLoginPending, enrollDemoLogin } from "./demo-login";
import { loadDemoRecordsIfEmpty } from "./demo-records";
import { keepDevSecrets } from "./dev-secrets";
import type { EmbeddedDatabase } from "./embedded-database";
import { type SubgraphName, startLocalSystem } from "./local-system";
import { withDatabaseConnection } from "./records/database-connection";
import { describeCounts } from "./records/import-records";
import { fromRoot, PROJECT_ROOT } from "./project-root";
import { redactUrl } from "./redact-url";
import { startBanner } from "./start-banner";
import { WEB_PAGE_PATH, webPagePages } from "./web-page";
import { subgraphsElsewhere } from "./subgraphs-elsewhere";

/** Where the embedded database keeps its files unless EMBEDDED_DATA_DIR says otherwise. */
const DEFAULT_DATA_DIR = fromRoot(".data", "pglite");
// pglite-socket refuses (does not queue) connections past its limit, so it is well above the
// three pools of EMBEDDED_POOL_SIZE together plus the one connection of the start's demo data
// work. Connections are cheap there: queries run one at a time anyway.
const EMBEDDED_MAX_CONNECTIONS = 32;
const EMBEDDED_POOL_SIZE = 4;

function shortPath(file: string): string {
  const relative = path.relative(PROJECT_ROOT, file);
  return relative.startsWith("..") ? file : relative;
}

// `npm start`: the gateway and the three subgraphs in one process (docs/decisions/0001).
// A signal at any point stops it cleanly: each step below gives up once `stopping` is aborted,
// and runService closes whatever had started.
void runService("online-access", async (track, stopping) => {
  tracing.check();
  // Tracked first, so closed last: it sends the spans of everything else's stop.
  track(tracing);
  // Outside production, secrets of this machine's own where the environment sets none (never the published dev-only ones).
  const secrets = keepDevSecrets(process.env);
  let settings: Settings = loadSettings(secrets.env);
  // IDENTITY_URL and the like say where a subgraph runs when it runs elsewhere: not started here.
  const elsewhere = subgraphsElsewhere();
  // The demo records belong to identity and vehicle-account: loaded only when both run here.
  const demoDataHere = !elsewhere.identity && !elsewhere["vehicle-account"];
  const stoppables: Stoppable[] = [];
  const started = (stoppable: Stoppable) => {
    stoppables.push(stoppable);
    track(stoppable);
  };
  const notes: string[] = [];
  if (secrets.file) notes.push(`Secrets:    ${secrets.created ? "made" : "kept"} in ${shortPath(secrets.file)} for this machine (dev only)`);
  let database: string;
  let demoLoginNeeded = false;
  try {
    let embedded: EmbeddedDatabase | undefined;
    if (!settings.databaseUrl) {
      // PGlite is a development package, loaded only on this path: with DATABASE_URL nothing needs it.
      const { startEmbeddedDatabase } = require("./embedded-database") as typeof import("./embedded-database");
      embedded = await startEmbeddedDatabase({
        dataDir: process.env.EMBEDDED_DATA_DIR?.trim() || DEFAULT_DATA_DIR,
        maxConnections: EMBEDDED_MAX_CONNECTIONS,
      });
      started(embedded);
      stopping.throwIfAborted();
      settings = { ...settings, databaseUrl: embedded.url };
      if (secrets.created && !embedded.created) {
        notes.push(`            the database in ${shortPath(embedded.dataDir)} is older than these secrets: its tax ids will not be found; delete it to start afresh`);
      }
      database = `embedded PostgreSQL (PGlite), data in ${shortPath(embedded.dataDir)}${embedded.created ? " (new)" : ""}`;
    } else {
      database = `PostgreSQL at ${redactUrl(settings.databaseUrl)}`;
    }
    const store = settings.redisUrl ? `Redis at ${redactUrl(settings.redisUrl)}` : "in-process store (set REDIS_URL for Redis)";
    // One client for all four services: the gateway must see the sessions identity writes, and
    // one connection is plenty for one process.
    // Its connection errors are logged as JSON lines at LOG_LEVEL, at most one per 10 s.
    const redis = createRedis(settings, "online-access");
    // Made here, so closed here (the services leave a client they were given open): tracked before
    // the services, it closes after them, once however often asked.
    let redisClosing: Promise<void> | undefined;
    started({ close: () => (redisClosing ??= closeRedis(redis)) });

    // The sign-in page on the typed client, in development only.
    const pages = settings.production ? undefined : webPagePages();
    const system = await startLocalSystem(settings, {
      redis,
      pages,
      track,
      signal: stopping,
      poolSize: embedded ? EMBEDDED_POOL_SIZE : undefined,
      elsewhere,
      afterMigrations: async (wired) => {
        if (!embedded || !wired.databaseUrl) return;
        if (!demoDataHere) {
          notes.push("Demo data:  not loaded (identity or vehicle-account runs elsewhere)");
          return;
        }
        // One connection for both, beside the services' pools.
        const loaded = await withDatabaseConnection(wired.databaseUrl, async (database) => {
          const summary = await loadDemoRecordsIfEmpty(database, wired);
          demoLoginNeeded = await demoLoginPending(database);
          return summary;
        });
        notes.push(
          loaded
            ? `Demo data:  loaded ${describeCounts(loaded.inFile)} (see packages/cli/data/README.md)`
            : "Demo data:  people, accounts and the ready login in packages/cli/data/README.md",
        );
      },
      // Before the gateway listens, so that its /readyz answers 200 only once the login exists.
      beforeGateway: async (wired) => {
        if (!demoLoginNeeded) return;
        const failure = await enrollDemoLogin(wired, { logger: createLogger(wired.logLevel, { service: "online-access" }), signal: stopping });
        notes.push(
          failure === null
            ? `Demo login: ${DEMO_LOGIN.username} / ${DEMO_LOGIN.password} (security answers: ${DEMO_LOGIN.answers.join(", ")})`
            : `Demo login: not created (${failure})`,
        );
      },
    });
    stoppables.push(...system.services);
    // Synchronously with the check: a stop request can no longer come between them.
    stopping.throwIfAborted();
    const banner = startBanner({
      settings,
      gatewayUrl: system.gatewayUrl,
      subgraphUrls: system.subgraphUrls,
      elsewhere: Object.keys(elsewhere) as SubgraphName[],
      database,
      store,
      notes,
      webPageUrl: pages ? new URL(WEB_PAGE_PATH, system.gatewayUrl).toString() : undefined,
    });
    process.stdout.write(`${banner}\n`);
    return stoppables;
  } catch (error) {
    // Each part closes once, however often asked: runService may ask again after a stop request.
    for (const stoppable of [...stoppables].reverse()) await stoppable.close().catch(() => undefined);
    throw error;
  }
});
// Only now that runService listens too: a signal that came while the modules loaded is delivered
// to it (dropping the last listener first would drop that signal).
releaseEarlyStop();
