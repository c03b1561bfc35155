import type { Settings } from "@oa/platform";
import { IDENTITY_SCHEMA } from "@oa/identity";
import { DataSource } from "typeorm";
import { fromRoot } from "./project-root";
import { type ImportSummary, readRecordsFile, writeRecords } from "./records/import-records";

/** The demo records `npm start` loads into a new embedded database (see data/README.md). */
export const DEMO_RECORDS_FILE = fromRoot("packages", "cli", "data", "demo-records.json");

async function hasCustomers(databaseUrl: string): Promise<boolean> {
  const dataSource = new DataSource({ type: "postgres", url: databaseUrl, extra: { max: 1 } });
  await dataSource.initialize();
  try {
    const rows: unknown[] = await dataSource.query(`SELECT 1 FROM "${IDENTITY_SCHEMA}".customers LIMIT 1`);
    return rows.length > 0;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Loads the demo records through the same path as `npm run records:import` when the database
 * has no customers yet (a first start); otherwise leaves it as it is. Needs migrated schemas.
 */
export async function loadDemoRecordsIfEmpty(settings: Settings & { databaseUrl: string }): Promise<ImportSummary | null> {
  if (await hasCustomers(settings.databaseUrl)) return null;
  return writeRecords(settings.databaseUrl, await readRecordsFile(DEMO_RECORDS_FILE), settings);
}
