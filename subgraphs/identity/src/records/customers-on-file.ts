import { type Settings, uniqueViolationOf } from "@oa/platform";
import type { EntityManager } from "typeorm";
import { IDENTITY_SCHEMA } from "../data/data-source";
import { taxIdLookup } from "../modules/customer/tax-id";

// What identity answers about its customers on file to the commands beside it (the records
// import, npm start's demo data), which orchestrate and never read identity's tables themselves.

/** Runs SQL: a transaction's manager, or a data source. */
export type Queryable = Pick<EntityManager, "query">;

/**
 * Keeps other imports from writing customers until this transaction ends, so that a check of
 * their tax ids still holds when the rows are written. Readers and the running service are not held up.
 */
export async function lockCustomersForImport(manager: EntityManager): Promise<void> {
  await manager.query(`LOCK TABLE ${IDENTITY_SCHEMA}.customers IN SHARE ROW EXCLUSIVE MODE`);
}

/** Whether any customer is on file. */
export async function hasCustomersOnFile(database: Queryable): Promise<boolean> {
  const rows: unknown[] = await database.query(`SELECT 1 FROM ${IDENTITY_SCHEMA}.customers LIMIT 1`);
  return rows.length > 0;
}

/** Which of `ids` name a customer on file. */
export async function customersOnFile(database: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows: { id: string }[] = await database.query(`SELECT id FROM ${IDENTITY_SCHEMA}.customers WHERE id = ANY($1::text[])`, [ids]);
  return new Set(rows.map((row) => row.id));
}

/** True when the customer is on file without a login yet (e.g. the demo login, before it is enrolled). */
export async function customerWithoutLogin(database: Queryable, customerId: string): Promise<boolean> {
  const rows: unknown[] = await database.query(
    `SELECT 1 FROM ${IDENTITY_SCHEMA}.customers c
      WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM ${IDENTITY_SCHEMA}.users u WHERE u.customer_id = c.id)`,
    [customerId],
  );
  return rows.length > 0;
}

/**
 * For each tax id (9 digits), the id of the customer on file who holds it, or null. Found by its
 * keyed HMAC: the tax id itself is never compared, stored or printed.
 */
export async function customersHoldingTaxIds(database: Queryable, taxIds: string[], settings: Pick<Settings, "lookupHmacKey">): Promise<(string | null)[]> {
  if (taxIds.length === 0) return [];
  const lookups = taxIds.map((taxId) => taxIdLookup(settings.lookupHmacKey, taxId));
  const rows: { id: string; lookup: string }[] = await database.query(
    `SELECT id, tax_id_lookup AS lookup FROM ${IDENTITY_SCHEMA}.customers WHERE tax_id_lookup = ANY($1::text[])`,
    [lookups],
  );
  const holderOf = new Map(rows.map((row) => [row.lookup, row.id]));
  return lookups.map((lookup) => holderOf.get(lookup) ?? null);
}

/**
 * When `error` is PostgreSQL refusing a customer's tax id that another customer holds (a row
 * written meanwhile): the index in `taxIds` of the one refused, -1 when it cannot say which;
 * null for any other error.
 */
export function taxIdClashOf(error: unknown, taxIds: string[], settings: Pick<Settings, "lookupHmacKey">): number | null {
  const violation = uniqueViolationOf(error);
  if (!violation || violation.schema !== IDENTITY_SCHEMA || violation.table !== "customers" || violation.column !== "tax_id_lookup") return null;
  return taxIds.findIndex((taxId) => taxIdLookup(settings.lookupHmacKey, taxId) === violation.value);
}
