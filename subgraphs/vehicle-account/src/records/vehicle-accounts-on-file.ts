import { uniqueViolationOf } from "@oa/platform";
import type { EntityManager } from "typeorm";
import { VEHICLE_ACCOUNT_SCHEMA } from "../data/data-source";

// What vehicle-account answers about its accounts on file to the records import, which
// orchestrates and never reads vehicle-account's tables itself.

/** Runs SQL: a transaction's manager, or a data source. */
export type Queryable = Pick<EntityManager, "query">;

/**
 * Keeps other imports from writing vehicle accounts until this transaction ends, so that a check
 * of their VINs still holds when the rows are written. Readers and the running service are not held up.
 */
export async function lockVehicleAccountsForImport(manager: EntityManager): Promise<void> {
  await manager.query(`LOCK TABLE ${VEHICLE_ACCOUNT_SCHEMA}.vehicle_accounts IN SHARE ROW EXCLUSIVE MODE`);
}

/** For each VIN (normalised), the account number of the vehicle account on file that has it, or null. */
export async function accountsHoldingVins(database: Queryable, vins: string[]): Promise<(string | null)[]> {
  if (vins.length === 0) return [];
  const rows: { account_number: string; vin: string }[] = await database.query(
    `SELECT account_number, vin FROM ${VEHICLE_ACCOUNT_SCHEMA}.vehicle_accounts WHERE vin = ANY($1::text[])`,
    [vins],
  );
  const holderOf = new Map(rows.map((row) => [row.vin, row.account_number]));
  return vins.map((vin) => holderOf.get(vin) ?? null);
}

/**
 * When `error` is PostgreSQL refusing a VIN that another vehicle account has (a row written
 * meanwhile): the index in `vins` of the one refused, -1 when it cannot say which; null for any
 * other error.
 */
export function vinClashOf(error: unknown, vins: string[]): number | null {
  const violation = uniqueViolationOf(error);
  if (!violation || violation.schema !== VEHICLE_ACCOUNT_SCHEMA || violation.table !== "vehicle_accounts" || violation.column !== "vin") return null;
  return vins.indexOf(violation.value ?? "");
}
