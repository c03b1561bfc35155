import type { VehicleAccountRecord } from "@oa/platform";
import type { EntityManager } from "typeorm";

/**
 * Writes the vehicle accounts of a records file (already validated and normalised), upserting by
 * account number, with each account's holders replaced by the file's. A row is only written when
 * a value differs, so importing the same file twice changes nothing. Plain SQL on the given
 * manager, so the import command can run it in one transaction with the other subgraphs' writers.
 *
 * Returns how many accounts were inserted or changed (0 for a file imported before).
 */
export async function importVehicleAccountRecords(manager: EntityManager, records: VehicleAccountRecord[]): Promise<{ vehicleAccounts: number }> {
  if (records.length === 0) return { vehicleAccounts: 0 };

  const accounts = JSON.stringify(
    records.map((record) => ({
      account_number: record.accountNumber,
      vin: record.vin,
      year: record.year,
      make: record.make,
      model: record.model,
      creditor: record.creditor,
      contract: record.contract,
      status: record.status,
    })),
  );
  const holders = JSON.stringify(
    records.flatMap((record) => record.holders.map((holder) => ({ account_number: record.accountNumber, customer_id: holder.customerId, role: holder.role }))),
  );

  const written: { id: string }[] = await manager.query(
    `INSERT INTO vehicle_account.vehicle_accounts AS a (account_number, vin, year, make, model, creditor, contract, status)
     SELECT r.account_number, r.vin, r.year, r.make, r.model, r.creditor, r.contract, r.status
       FROM jsonb_to_recordset($1::jsonb)
         AS r(account_number text, vin text, year int, make text, model text, creditor text, contract text, status text)
     ON CONFLICT (account_number) DO UPDATE
        SET vin = EXCLUDED.vin, year = EXCLUDED.year, make = EXCLUDED.make, model = EXCLUDED.model,
            creditor = EXCLUDED.creditor, contract = EXCLUDED.contract, status = EXCLUDED.status, updated_at = now()
      WHERE (a.vin, a.year, a.make, a.model, a.creditor, a.contract, a.status)
            IS DISTINCT FROM (EXCLUDED.vin, EXCLUDED.year, EXCLUDED.make, EXCLUDED.model, EXCLUDED.creditor, EXCLUDED.contract, EXCLUDED.status)
     RETURNING a.id`,
    [accounts],
  );

  // Holders no longer in the file lose the account.
  const removedHolders: { vehicle_account_id: string }[] = await manager.query(
    `WITH file AS (
       SELECT a.id AS vehicle_account_id, f.customer_id
         FROM jsonb_to_recordset($1::jsonb) AS f(account_number text, customer_id text, role text)
         JOIN vehicle_account.vehicle_accounts a ON a.account_number = f.account_number),
     removed AS (
       DELETE FROM vehicle_account.vehicle_account_holders h
        USING vehicle_account.vehicle_accounts a
        WHERE a.id = h.vehicle_account_id
          AND a.account_number = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM file WHERE file.vehicle_account_id = h.vehicle_account_id AND file.customer_id = h.customer_id)
        RETURNING h.vehicle_account_id)
     SELECT vehicle_account_id FROM removed`,
    [holders, records.map((record) => record.accountNumber)],
  );

  const upsertedHolders: { vehicle_account_id: string }[] = await manager.query(
    `INSERT INTO vehicle_account.vehicle_account_holders AS h (vehicle_account_id, customer_id, role)
     SELECT a.id, f.customer_id, f.role
       FROM jsonb_to_recordset($1::jsonb) AS f(account_number text, customer_id text, role text)
       JOIN vehicle_account.vehicle_accounts a ON a.account_number = f.account_number
     ON CONFLICT (vehicle_account_id, customer_id) DO UPDATE SET role = EXCLUDED.role
      WHERE h.role IS DISTINCT FROM EXCLUDED.role
     RETURNING h.vehicle_account_id`,
    [holders],
  );

  const changed = new Set(written.map((row) => row.id));
  const holdersChanged = [...new Set([...removedHolders, ...upsertedHolders].map((row) => row.vehicle_account_id))].filter((id) => !changed.has(id));
  if (holdersChanged.length > 0) {
    // A change of holders is a change of the account.
    await manager.query(
      `WITH touched AS (UPDATE vehicle_account.vehicle_accounts SET updated_at = now() WHERE id = ANY($1::uuid[]) RETURNING 1)
       SELECT count(*) FROM touched`,
      [holdersChanged],
    );
    for (const id of holdersChanged) changed.add(id);
  }
  return { vehicleAccounts: changed.size };
}
