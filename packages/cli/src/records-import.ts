import path from "node:path";
import { loadSettings, SettingsError } from "@oa/platform";
import { keepDevSecrets } from "./dev-secrets";
import { describeSummary, importRecordsFile, RecordsFileError } from "./records/import-records";
import { RecordsValidationError } from "./records/validate-records";

const USAGE = "usage: npm run records:import -- FILE";

// `npm run records:import -- FILE`: imports a records file into the database DATABASE_URL names.
async function main(): Promise<number> {
  const [file, ...extra] = process.argv.slice(2);
  if (!file || extra.length > 0 || file === "--help" || file === "-h") {
    process.stderr.write(`${USAGE}\n  Imports a records file (customers, deposit and vehicle accounts) into the PostgreSQL that DATABASE_URL names.\n`);
    return file === "--help" || file === "-h" ? 0 : 1;
  }
  // The same secrets as `npm start` outside production, or the import's tax ids would not match its look-ups.
  const settings = loadSettings(keepDevSecrets(process.env).env);
  if (!settings.databaseUrl) {
    process.stderr.write(
      "records:import: DATABASE_URL is not set. Set it to the PostgreSQL to import into, e.g.\n" +
        "  DATABASE_URL=postgres://user:password@host:5432/database npm run records:import -- FILE\n" +
        "(npm start without DATABASE_URL loads the demo records into its embedded database by itself.)\n",
    );
    return 1;
  }
  // npm runs scripts from the project root: a relative FILE means relative to where it was typed.
  const resolved = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const summary = await importRecordsFile({ ...settings, databaseUrl: settings.databaseUrl }, resolved);
  process.stdout.write(`records:import: imported ${file}: ${describeSummary(summary)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Expected refusals get their message alone; anything else its message too (the stack only in debug).
    const expected = error instanceof RecordsValidationError || error instanceof RecordsFileError || error instanceof SettingsError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`records:import: ${message}\n`);
    if (!expected && process.env.LOG_LEVEL === "debug" && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
