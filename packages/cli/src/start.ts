import path from "node:path";
import { createRedis, loadSettings, runService, type Settings, type Stoppable } from "@oa/platform";
import { DEMO_LOGIN, enrollDemoLogin } from "./demo-login";
import { loadDemoRecordsIfEmpty } from "./demo-records";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "./embedded-database";
import { startLocalSystem } from "./local-system";
import { describeCounts } from "./records/import-records";
import { fromRoot, PROJECT_ROOT } from "./project-root";
import { redactUrl } from "./redact-url";
import { startBanner } from "./start-banner";

/** Where the embedded database keeps its files unless EMBEDDED_DATA_DIR says otherwise. */
const DEFAULT_DATA_DIR = fromRoot(".data", "pglite");
/** Where messages go on a developer's machine unless MESSAGE_OUTBOX_FILE says otherwise. */
const DEFAULT_OUTBOX_FILE = fromRoot(".data", "outbox.jsonl");
// pglite-socket refuses (does not queue) connections past its limit, so it is above the three
// pools together (even at the default size of 10 for a subgraph that takes no poolSize) plus the
// import's one. Connections are cheap there: queries run one at a time anyway.
const EMBEDDED_MAX_CONNECTIONS = 32;
const EMBEDDED_POOL_SIZE = 4;

function shortPath(file: string): string {
  const relative = path.relative(PROJECT_ROOT, file);
  return relative.startsWith("..") ? file : relative;
}

// `npm start`: the gateway and the three subgraphs in one process (docs/decisions/0001).
void runService("online-access", async (track) => {
  let settings: Settings = loadSettings();
  // Locally there is no SMS or email provider: outside production, codes and notices land in a
  // file under .data/ unless MESSAGE_OUTBOX_FILE says where.
  if (!settings.messageOutboxFile && !settings.production) {
    settings = { ...settings, messageOutboxFile: DEFAULT_OUTBOX_FILE };
  }
  const stoppables: Stoppable[] = [];
  const notes: string[] = [];
  let database: string;
  let demoLoaded = false;
  try {
    let embedded: EmbeddedDatabase | undefined;
    if (!settings.databaseUrl) {
      embedded = await startEmbeddedDatabase({
        dataDir: process.env.EMBEDDED_DATA_DIR?.trim() || DEFAULT_DATA_DIR,
        maxConnections: EMBEDDED_MAX_CONNECTIONS,
      });
      stoppables.push(embedded);
      track(embedded);
      settings = { ...settings, databaseUrl: embedded.url };
      database = `embedded PostgreSQL (PGlite), data in ${shortPath(embedded.dataDir)}${embedded.created ? " (new)" : ""}`;
    } else {
      database = `PostgreSQL at ${redactUrl(settings.databaseUrl)}`;
    }
    const store = settings.redisUrl ? `Redis at ${redactUrl(settings.redisUrl)}` : "in-process store (set REDIS_URL for Redis)";
    // One client for all four services: the gateway must see the sessions identity writes, and
    // one connection is plenty for one process.
    const redis = createRedis(settings, "online-access");

    const system = await startLocalSystem(settings, {
      redis,
      track,
      poolSize: embedded ? EMBEDDED_POOL_SIZE : undefined,
      afterMigrations: async (wired) => {
        if (!embedded || !wired.databaseUrl) return;
        const loaded = await loadDemoRecordsIfEmpty({ ...wired, databaseUrl: wired.databaseUrl });
        demoLoaded = loaded !== null;
        notes.push(
          loaded
            ? `Demo data:  loaded ${describeCounts(loaded.inFile)} (see packages/cli/data/README.md)`
            : "Demo data:  people, accounts and the ready login in packages/cli/data/README.md",
        );
      },
    });
    stoppables.push(...system.services);
    if (demoLoaded) {
      const failure = await enrollDemoLogin(system.gatewayUrl);
      notes.push(
        failure === null
          ? `Demo login: ${DEMO_LOGIN.username} / ${DEMO_LOGIN.password} (security answers: ${DEMO_LOGIN.answers.join(", ")})`
          : `Demo login: not created (${failure})`,
      );
    }
    process.stdout.write(startBanner({ settings, gatewayUrl: system.gatewayUrl, subgraphUrls: system.subgraphUrls, database, store, notes }) + "\n");
    return stoppables;
  } catch (error) {
    for (const stoppable of [...stoppables].reverse()) await stoppable.close().catch(() => undefined);
    throw error;
  }
});
