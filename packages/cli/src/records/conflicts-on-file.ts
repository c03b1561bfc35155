import { customersHoldingTaxIds, lockCustomersForImport, taxIdClashOf } from "@oa/identity";
import { type RecordsFile, type Settings, uniqueViolationOf } from "@oa/platform";
import { accountsHoldingVins, lockVehicleAccountsForImport, vinClashOf } from "@oa/vehicle-account";
import type { EntityManager } from "typeorm";
import { recordLabel } from "./validate-records";

/**
 * A field unique across the database though the file's records are keyed by another (a
 * customer by id, a vehicle account by account number): a record may clash with a row on file.
 * Its owner answers who holds each value on file and which value the database refused; this
 * module only names the record and field.
 */
interface UniqueField {
  collection: "customers" | "vehicleAccounts";
  /** The record's key field, which its label shows. */
  keyField: "id" | "accountNumber";
  /** The field as the file names it, and in words. */
  field: string;
  words: string;
  /** What holds it, in words. */
  owner: string;
  /** Per record, in file order: its key, and its value of the field. */
  keys(records: RecordsFile): string[];
  values(records: RecordsFile): string[];
  /** The owner's: keeps other imports from writing its table until this transaction ends. */
  lock(manager: EntityManager): Promise<void>;
  /** The owner's: for each value, the key of the row on file that holds it, or null. */
  holders(manager: EntityManager, values: string[], settings: Settings): Promise<(string | null)[]>;
  /** The owner's: the index of the value a unique violation refused (-1: cannot say), or null when it is not this field's. */
  clashOf(error: unknown, values: string[], settings: Settings): number | null;
}

const UNIQUE_FIELDS: readonly UniqueField[] = [
  {
    collection: "customers",
    keyField: "id",
    field: "taxId",
    words: "tax id",
    owner: "customer",
    keys: (records) => records.customers.map((customer) => customer.id),
    values: (records) => records.customers.map((customer) => customer.taxId),
    lock: lockCustomersForImport,
    holders: customersHoldingTaxIds,
    clashOf: taxIdClashOf,
  },
  {
    collection: "vehicleAccounts",
    keyField: "accountNumber",
    field: "vin",
    words: "VIN",
    owner: "vehicle account",
    keys: (records) => records.vehicleAccounts.map((account) => account.accountNumber),
    values: (records) => records.vehicleAccounts.map((account) => account.vin),
    lock: lockVehicleAccountsForImport,
    holders: (manager, vins) => accountsHoldingVins(manager, vins),
    clashOf: (error, vins) => vinClashOf(error, vins),
  },
];

function labelOf(unique: UniqueField, records: RecordsFile, index: number): string {
  return recordLabel(unique.collection, index, records[unique.collection][index], unique.keyField);
}

/**
 * Keeps other imports from writing the tables checked below until this transaction ends, so the
 * check still holds when the rows are written (always in this order, so two imports never wait
 * on each other). Readers and the running services are not held up.
 */
export async function lockUniqueTables(manager: EntityManager): Promise<void> {
  for (const unique of UNIQUE_FIELDS) await unique.lock(manager);
}

/**
 * The validated file's records whose tax id or VIN already belongs to another customer or
 * vehicle account in the database, as problems naming the record and field (like the
 * validator's). A value that the file moves from one of its records to another is refused too:
 * the rows are written one by one, so the old holder would still have it.
 */
export async function findConflictsOnFile(manager: EntityManager, records: RecordsFile, settings: Settings): Promise<string[]> {
  const problems: string[] = [];
  for (const unique of UNIQUE_FIELDS) {
    const values = unique.values(records);
    if (values.length === 0) continue;
    const keys = unique.keys(records);
    const holders = await unique.holders(manager, values, settings);
    const indexOf = new Map(keys.map((key, index) => [key, index]));
    holders.forEach((holder, index) => {
      if (holder === null || holder === keys[index]) return;
      const inFile = indexOf.get(holder);
      const where = `${labelOf(unique, records, index)}.${unique.field}`;
      problems.push(
        inFile === undefined
          ? `${where}: already belongs to another ${unique.owner} on file`
          : `${where}: already belongs to ${labelOf(unique, records, inFile)} on file; a ${unique.words} cannot move from one ${unique.owner} to another in one import`,
      );
    });
  }
  return problems;
}

/**
 * A unique violation the check above could not foresee (a row written meanwhile by something
 * else), as a problem naming the record and field when it can be found; null for any other error.
 * The database's own message is never shown: its detail may hold the value.
 */
export function describeUniqueViolation(error: unknown, records: RecordsFile, settings: Settings): string | null {
  const violation = uniqueViolationOf(error);
  if (!violation) return null;
  for (const unique of UNIQUE_FIELDS) {
    const index = unique.clashOf(error, unique.values(records), settings);
    if (index === null) continue;
    if (index < 0) return `${unique.collection}: a ${unique.words} in the file already belongs to another ${unique.owner} on file`;
    return `${labelOf(unique, records, index)}.${unique.field}: already belongs to another ${unique.owner} on file`;
  }
  return `${violation.schema ?? "database"}.${violation.table ?? "table"}: a record of the file clashes with one already on file`;
}
