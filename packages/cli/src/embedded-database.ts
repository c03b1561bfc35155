import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { lockDataFolder } from "./embedded-data-lock";

export interface EmbeddedDatabaseOptions {
  /** The folder PGlite keeps its files in; created when missing. */
  dataDir: string;
  /** Connections the socket accepts at once; extra ones are refused, so keep pools below it. */
  maxConnections: number;
}

/** PGlite served over the PostgreSQL wire protocol on 127.0.0.1, for the ordinary `pg` driver. */
export interface EmbeddedDatabase {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  dataDir: string;
  /** True when this start created the data folder's database. */
  created: boolean;
  close(): Promise<void>;
}

/**
 * Creates a new database in a scratch folder beside `dataDir` and moves it into place only once
 * it is complete, so a start interrupted during initdb never leaves a half-made data folder.
 */
async function createDataFolder(dataDir: string): Promise<void> {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}.init-`;
  // Scratch folders of starts that were interrupted (the lock says none is running).
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(prefix)) rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
  const scratch = path.join(parent, `${prefix}${process.pid}`);
  const db = await PGlite.create(scratch);
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(scratch, dataDir);
}

/** True when the folder holds a database (PG_VERSION is written by initdb). */
function hasDatabase(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/** Opens (or creates) the PGlite database in `dataDir` and serves it on a free local port. */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const release = lockDataFolder(dataDir);
  try {
    const created = !hasDatabase(dataDir);
    if (created) {
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        throw new Error(`${dataDir} is not empty but holds no database: move it away or set EMBEDDED_DATA_DIR`);
      }
      await createDataFolder(dataDir);
    }
    const db = await PGlite.create(dataDir);
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: options.maxConnections });
    try {
      await server.start();
    } catch (error) {
      await db.close();
      throw error;
    }
    let closing: Promise<void> | undefined;
    const close = async () => {
      try {
        await server.stop();
        // Connections detach asynchronously (rolling back any open transaction) before PGlite closes.
        await new Promise((resolve) => setImmediate(resolve));
        await db.close();
      } finally {
        release();
      }
    };
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      dataDir,
      created,
      // Once only: a signal during start and the start's own clean-up may both ask.
      close: () => (closing ??= close()),
    };
  } catch (error) {
    release();
    throw error;
  }
}
