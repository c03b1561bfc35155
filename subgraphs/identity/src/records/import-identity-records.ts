import type { CustomerRecord, DepositAccountRecord, Settings } from "@oa/platform";
import type { EntityManager } from "typeorm";
import { encryptTaxId, taxIdLookup } from "../modules/customer/tax-id";

/** What one import changed: records inserted or updated (0 when the file was imported before). */
export interface IdentityImportCounts {
  customers: number;
  depositAccounts: number;
}

/**
 * Writes identity's part of a validated records file (customers, Bank and Invest accounts) with
 * schema-qualified SQL on the caller's manager, so that the import command can run it in one
 * transaction with the other subgraphs' writers. Upserts: an unchanged record is not written
 * (its updated_at stays), a changed one is updated, an account's holders become the file's.
 */
export async function importIdentityRecords(
  manager: EntityManager,
  records: { customers: CustomerRecord[]; depositAccounts: DepositAccountRecord[] },
  settings: Settings,
): Promise<IdentityImportCounts> {
  const customers = records.customers.length ? await upsertCustomers(manager, records.customers, settings) : 0;
  const depositAccounts = records.depositAccounts.length ? await upsertDepositAccounts(manager, records.depositAccounts) : 0;
  return { customers, depositAccounts };
}

async function upsertCustomers(manager: EntityManager, customers: CustomerRecord[], settings: Settings): Promise<number> {
  const column = <T>(pick: (customer: CustomerRecord) => T) => customers.map(pick);
  // AES-GCM takes a random iv, so a fresh ciphertext always differs: it is written only when
  // the tax id itself (its lookup HMAC) changed.
  const rows: unknown[] = await manager.query(
    `INSERT INTO identity.customers AS c
       (id, tax_id_lookup, tax_id_encrypted, first_name, last_name, date_of_birth, email, mobile_phone)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[])
     ON CONFLICT (id) DO UPDATE SET
       tax_id_lookup = EXCLUDED.tax_id_lookup,
       tax_id_encrypted = CASE WHEN c.tax_id_lookup = EXCLUDED.tax_id_lookup THEN c.tax_id_encrypted ELSE EXCLUDED.tax_id_encrypted END,
       first_name = EXCLUDED.first_name,
       last_name = EXCLUDED.last_name,
       date_of_birth = EXCLUDED.date_of_birth,
       email = EXCLUDED.email,
       mobile_phone = EXCLUDED.mobile_phone,
       updated_at = now()
     WHERE (c.tax_id_lookup, c.first_name, c.last_name, c.date_of_birth, c.email, c.mobile_phone)
       IS DISTINCT FROM (EXCLUDED.tax_id_lookup, EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.date_of_birth, EXCLUDED.email, EXCLUDED.mobile_phone)
     RETURNING c.id`,
    [
      column((customer) => customer.id),
      column((customer) => taxIdLookup(settings.lookupHmacKey, customer.taxId)),
      column((customer) => encryptTaxId(settings.taxIdEncryptionKey, customer.taxId)),
      column((customer) => customer.firstName),
      column((customer) => customer.lastName),
      column((customer) => customer.dateOfBirth),
      column((customer) => customer.email),
      column((customer) => customer.mobilePhone),
    ],
  );
  return rows.length;
}

async function upsertDepositAccounts(manager: EntityManager, accounts: DepositAccountRecord[]): Promise<number> {
  const accountNumbers = accounts.map((account) => account.accountNumber);
  const written: { account_number: string }[] = await manager.query(
    `INSERT INTO identity.deposit_accounts AS d (account_number, product)
     SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (account_number) DO UPDATE SET product = EXCLUDED.product, updated_at = now()
     WHERE d.product IS DISTINCT FROM EXCLUDED.product
     RETURNING d.account_number`,
    [accountNumbers, accounts.map((account) => account.product)],
  );

  const holderAccounts = accounts.flatMap((account) => account.holders.map(() => account.accountNumber));
  const holderCustomers = accounts.flatMap((account) => account.holders);
  // Holders become exactly the file's: those no longer listed go, new ones come. (Wrapped in
  // CTEs so that both answer rows, whatever the statement.)
  const holdersChanged: { account_number: string }[] = await manager.query(
    `WITH listed AS (
       SELECT * FROM unnest($2::text[], $3::text[]) AS l(account_number, customer_id)
     ), removed AS (
       DELETE FROM identity.deposit_account_holders h
       WHERE h.account_number = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM listed WHERE listed.account_number = h.account_number AND listed.customer_id = h.customer_id)
       RETURNING h.account_number
     ), added AS (
       INSERT INTO identity.deposit_account_holders (account_number, customer_id)
       SELECT account_number, customer_id FROM listed
       ON CONFLICT DO NOTHING
       RETURNING account_number
     )
     SELECT account_number FROM removed UNION SELECT account_number FROM added`,
    [accountNumbers, holderAccounts, holderCustomers],
  );

  const changed = new Set(written.map((row) => row.account_number));
  const holdersOnly = holdersChanged.map((row) => row.account_number).filter((number) => !changed.has(number));
  if (holdersOnly.length) {
    await manager.query(`UPDATE identity.deposit_accounts SET updated_at = now() WHERE account_number = ANY($1::text[])`, [holdersOnly]);
  }
  return changed.size + holdersOnly.length;
}
