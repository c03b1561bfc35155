import { readFile } from "node:fs/promises";
import { customersOnFile, importIdentityRecords } from "@oa/identity";
import type { RecordsFile, Settings } from "@oa/platform";
import { importVehicleAccountRecords } from "@oa/vehicle-account";
import type { DataSource } from "typeorm";
import { describeUniqueViolation, findConflictsOnFile, lockUniqueTables } from "./conflicts-on-file";
import { withDatabaseConnection } from "./database-connection";
import { migrateSubgraphs } from "./migrate-subgraphs";
import { RecordsValidationError, referencedCustomerIds, validateRecords } from "./validate-records";

/** Counts by kind of record. */
export interface RecordCounts {
  customers: number;
  depositAccounts: number;
  vehicleAccounts: number;
}

/** What an import did: the file's records (all accepted) and how many of them were new or changed. */
export interface ImportSummary {
  inFile: RecordCounts;
  /** Inserted or updated; a record identical to the database's is not written. */
  written: RecordCounts;
}

/** The file could not be read or is not JSON. */
export class RecordsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecordsFileError";
  }
}

/** Reads and parses a records file; refuses unreadable or malformed JSON with a plain message. */
export async function readRecordsFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecordsFileError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RecordsFileError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Validates a parsed records file and writes it through `database`, all or nothing: one
 * transaction covers identity's customers and deposit accounts and vehicle-account's accounts,
 * each read and written by its owner's functions (this command only orchestrates).
 * A holder may name a customer already in the database. A tax id or VIN that already belongs to
 * another customer or account on file refuses the file, like any other problem (a
 * RecordsValidationError naming the record and field). The schemas must be migrated.
 */
export async function writeRecords(database: DataSource, json: unknown, settings: Settings): Promise<ImportSummary> {
  return database.transaction(async (manager) => {
    await lockUniqueTables(manager);
    const known = await customersOnFile(manager, referencedCustomerIds(json));
    const records: RecordsFile = validateRecords(json, { knownCustomerIds: known });
    const conflicts = await findConflictsOnFile(manager, records, settings);
    if (conflicts.length > 0) throw new RecordsValidationError(conflicts);
    try {
      const identity = await importIdentityRecords(manager, { customers: records.customers, depositAccounts: records.depositAccounts }, settings);
      const vehicles = await importVehicleAccountRecords(manager, records.vehicleAccounts);
      return {
        inFile: {
          customers: records.customers.length,
          depositAccounts: records.depositAccounts.length,
          vehicleAccounts: records.vehicleAccounts.length,
        },
        written: { customers: identity.customers, depositAccounts: identity.depositAccounts, vehicleAccounts: vehicles.vehicleAccounts },
      };
    } catch (error) {
      const conflict = describeUniqueViolation(error, records, settings);
      throw conflict === null ? error : new RecordsValidationError([conflict]);
    }
  });
}

/** What `npm run records:import -- FILE` does: migrations first, then the file, all or nothing. */
export async function importRecordsFile(settings: Settings & { databaseUrl: string }, file: string): Promise<ImportSummary> {
  const json = await readRecordsFile(file);
  await migrateSubgraphs(settings.databaseUrl);
  return withDatabaseConnection(settings.databaseUrl, (database) => writeRecords(database, json, settings));
}

/** "7 customers, 3 deposit accounts, 11 vehicle accounts" */
export function describeCounts(counts: RecordCounts): string {
  const count = (n: number, name: string) => `${n} ${name}${n === 1 ? "" : "s"}`;
  return [count(counts.customers, "customer"), count(counts.depositAccounts, "deposit account"), count(counts.vehicleAccounts, "vehicle account")].join(", ");
}

/** "7 customers (7 new or changed), 3 deposit accounts (0 new or changed), ..." */
export function describeSummary(summary: ImportSummary): string {
  const kinds: [keyof RecordCounts, string][] = [
    ["customers", "customer"],
    ["depositAccounts", "deposit account"],
    ["vehicleAccounts", "vehicle account"],
  ];
  return kinds.map(([kind, name]) => `${summary.inFile[kind]} ${name}${summary.inFile[kind] === 1 ? "" : "s"} (${summary.written[kind]} new or changed)`).join(", ");
}
