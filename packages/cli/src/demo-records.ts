import type { Settings } from "@oa/platform";
import { hasCustomersOnFile } from "@oa/identity";
import type { DataSource } from "typeorm";
import { fromRoot } from "./project-root";
import { type ImportSummary, readRecordsFile, writeRecords } from "./records/import-records";

/** The demo records `npm start` loads into a new embedded database (see data/README.md). */
export const DEMO_RECORDS_FILE = fromRoot("packages", "cli", "data", "demo-records.json");

/**
 * Loads the demo records through the same path as `npm run records:import` when the database
 * has no customers yet (a first start); otherwise leaves it as it is. Needs migrated schemas.
 */
export async function loadDemoRecordsIfEmpty(database: DataSource, settings: Settings): Promise<ImportSummary | null> {
  if (await hasCustomersOnFile(database)) return null;
  return writeRecords(database, await readRecordsFile(DEMO_RECORDS_FILE), settings);
}
