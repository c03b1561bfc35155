import { randomBytes } from "node:crypto";
import { linkSync, lstatSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fromRoot } from "./project-root";

type Env = Record<string, string | undefined>;

/** The secrets `npm start`, `records:import` and `support` make for themselves outside production. */
export const KEPT_SECRET_NAMES = ["GATEWAY_SECRET", "TAX_ID_ENCRYPTION_KEY", "LOOKUP_HMAC_KEY", "SUPPORT_SECRET"] as const;
type KeptSecrets = Record<(typeof KEPT_SECRET_NAMES)[number], string>;

export interface KeptDevSecrets {
  /** The environment with every secret it did not set taken from the file. */
  env: Env;
  /** The file the secrets came from; null when none was needed (production, or all set). */
  file: string | null;
  /** True when this call made the file. */
  created: boolean;
}

/**
 * Where the kept secrets live: in the folder that holds the embedded database's folder, `.data/`
 * by default (beside `.data/pglite`), or the parent of EMBEDDED_DATA_DIR. The secrets encrypt and
 * look up the tax ids of that data, so they stay with it; `records:import` finds the same file from
 * the same environment.
 */
export function devSecretsFile(env: Env = process.env): string {
  const dataDir = env.EMBEDDED_DATA_DIR?.trim();
  return dataDir ? path.join(path.dirname(path.resolve(dataDir)), "dev-secrets.json") : fromRoot(".data", "dev-secrets.json");
}

/**
 * Outside production, fills in each of the secrets the environment does not set from a
 * file of this machine's own (made once, with random values, readable by its owner only), so a
 * laptop never runs on the published dev-only values. Values in the environment always win.
 * Production gets `env` back untouched: the file is never read or written there.
 */
export function keepDevSecrets(env: Env, file: string = devSecretsFile(env)): KeptDevSecrets {
  const missing = KEPT_SECRET_NAMES.filter((name) => !env[name]?.trim());
  if (env.NODE_ENV === "production" || missing.length === 0) return { env, file: null, created: false };
  const created = createOnce(file);
  const kept = readKept(file);
  return { env: { ...env, ...Object.fromEntries(missing.map((name) => [name, kept[name]])) }, file, created };
}

function newSecrets(): KeptSecrets {
  // 32 random bytes each, as 64 hex digits: what the settings take for a key, and a long enough gateway secret.
  return Object.fromEntries(KEPT_SECRET_NAMES.map((name) => [name, randomBytes(32).toString("hex")])) as KeptSecrets;
}

/** Makes the file unless it exists; complete or not at all, and the first of two racing starts wins. */
function createOnce(file: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const scratch = `${file}.${process.pid}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(newSecrets(), null, 2)}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(scratch, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(scratch);
  }
}

/** The file's secrets, refused when someone else could have written or read them. */
function readKept(file: string): KeptSecrets {
  const remake = `delete it to make new ones (a database made with the old ones must then be made afresh), or set ${KEPT_SECRET_NAMES.join(", ")}`;
  const stat = lstatSync(file);
  if (!stat.isFile()) throw new Error(`${file} is not a plain file: ${remake}`);
  if (process.getuid && stat.uid !== process.getuid()) throw new Error(`${file} belongs to another user: ${remake}`);
  if ((stat.mode & 0o077) !== 0) throw new Error(`${file} may be read by others (mode ${(stat.mode & 0o777).toString(8)}): chmod 600 it, or ${remake}`);
  let kept: Partial<KeptSecrets>;
  try {
    kept = JSON.parse(readFileSync(file, "utf8")) as Partial<KeptSecrets>;
  } catch {
    throw new Error(`${file} is not the JSON npm start wrote: ${remake}`);
  }
  const valid = (name: (typeof KEPT_SECRET_NAMES)[number]) => typeof kept[name] === "string" && /^[0-9a-f]{64}$/.test(kept[name]);
  const missing = KEPT_SECRET_NAMES.filter((name) => kept[name] === undefined);
  // Made before a secret was added to the list: that one is added, the others kept (they encrypt the data beside them).
  if (missing.length > 0 && missing.length < KEPT_SECRET_NAMES.length && KEPT_SECRET_NAMES.every((name) => missing.includes(name) || valid(name))) {
    kept = addSecrets(file, kept, missing);
  }
  for (const name of KEPT_SECRET_NAMES) {
    if (!valid(name)) throw new Error(`${file} has no valid ${name}: ${remake}`);
  }
  return kept as KeptSecrets;
}

/** Rewrites the file with new values for `names` beside the ones it keeps; replaced at once, never half written. */
function addSecrets(file: string, kept: Partial<KeptSecrets>, names: (typeof KEPT_SECRET_NAMES)[number][]): Partial<KeptSecrets> {
  const fresh = newSecrets();
  const completed = { ...kept, ...Object.fromEntries(names.map((name) => [name, fresh[name]])) };
  const scratch = `${file}.${process.pid}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(completed, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  renameSync(scratch, file);
  return completed;
}
