import { IDENTITY_SCHEMA, taxIdLookup } from "@oa/identity";
import type { RecordsFile, Settings } from "@oa/platform";
import { VEHICLE_ACCOUNT_SCHEMA } from "@oa/vehicle-account";
import type { EntityManager } from "typeorm";
import { recordLabel } from "./validate-records";

/**
 * A field unique across the database though the file's records are keyed by another (a
 * customer by id, a vehicle account by account number): a record may clash with a row on file.
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
  schema: string;
  table: string;
  /** The stored column and the column of the row's own key. */
  column: string;
  keyColumn: string;
  /** Per record, in file order: the key, and the value as stored. */
  keys(records: RecordsFile): string[];
  stored(records: RecordsFile, settings: Settings): string[];
}

const UNIQUE_FIELDS: readonly UniqueField[] = [
  {
    collection: "customers",
    keyField: "id",
    field: "taxId",
    words: "tax id",
    owner: "customer",
    schema: IDENTITY_SCHEMA,
    table: "customers",
    // Stored only as its keyed HMAC: the tax id itself is never compared, stored or printed.
    column: "tax_id_lookup",
    keyColumn: "id",
    keys: (records) => records.customers.map((customer) => customer.id),
    stored: (records, settings) => records.customers.map((customer) => taxIdLookup(settings.lookupHmacKey, customer.taxId)),
  },
  {
    collection: "vehicleAccounts",
    keyField: "accountNumber",
    field: "vin",
    words: "VIN",
    owner: "vehicle account",
    schema: VEHICLE_ACCOUNT_SCHEMA,
    table: "vehicle_accounts",
    column: "vin",
    keyColumn: "account_number",
    keys: (records) => records.vehicleAccounts.map((account) => account.accountNumber),
    stored: (records) => records.vehicleAccounts.map((account) => account.vin),
  },
];

function labelOf(unique: UniqueField, records: RecordsFile, index: number): string {
  return recordLabel(unique.collection, index, records[unique.collection][index], unique.keyField);
}

/**
 * Keeps other imports from writing the tables checked below until this transaction ends, so the
 * check still holds when the rows are written. Readers and the running services are not held up.
 */
export async function lockUniqueTables(manager: EntityManager): Promise<void> {
  const tables = UNIQUE_FIELDS.map((unique) => `"${unique.schema}"."${unique.table}"`).join(", ");
  await manager.query(`LOCK TABLE ${tables} IN SHARE ROW EXCLUSIVE MODE`);
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
    const stored = unique.stored(records, settings);
    if (stored.length === 0) continue;
    const keys = unique.keys(records);
    const rows: { key: string; value: string }[] = await manager.query(
      `SELECT "${unique.keyColumn}" AS key, "${unique.column}" AS value FROM "${unique.schema}"."${unique.table}" WHERE "${unique.column}" = ANY($1::text[])`,
      [stored],
    );
    const holderOf = new Map(rows.map((row) => [row.value, row.key]));
    const indexOf = new Map(keys.map((key, index) => [key, index]));
    stored.forEach((value, index) => {
      const holder = holderOf.get(value);
      if (holder === undefined || holder === keys[index]) return;
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

/** What node-postgres reports for a failed statement (TypeORM copies it onto its error). */
interface DatabaseErrorFields {
  code?: string;
  schema?: string;
  table?: string;
  detail?: string;
}

const UNIQUE_VIOLATION = "23505";
// PostgreSQL's detail of a unique violation: Key (column)=(value) already exists.
const DUPLICATE_KEY = /^Key \(([^)]+)\)=\((.*)\) already exists\.$/s;

/**
 * A unique violation the check above could not foresee (a row written meanwhile by something
 * else), as a problem naming the record and field when it can be found; null for any other error.
 * The database's own message is never shown: its detail may hold the value.
 */
export function describeUniqueViolation(error: unknown, records: RecordsFile, settings: Settings): string | null {
  const fields = (typeof error === "object" && error !== null ? error : {}) as DatabaseErrorFields;
  if (fields.code !== UNIQUE_VIOLATION) return null;
  const duplicate = DUPLICATE_KEY.exec(fields.detail ?? "");
  const unique = UNIQUE_FIELDS.find(
    (candidate) => candidate.schema === fields.schema && candidate.table === fields.table && candidate.column === duplicate?.[1],
  );
  if (!unique) return `${fields.schema ?? "database"}.${fields.table ?? "table"}: a record of the file clashes with one already on file`;
  const index = duplicate ? unique.stored(records, settings).indexOf(duplicate[2]) : -1;
  if (index < 0) return `${unique.collection}: a ${unique.words} in the file already belongs to another ${unique.owner} on file`;
  return `${labelOf(unique, records, index)}.${unique.field}: already belongs to another ${unique.owner} on file`;
}
