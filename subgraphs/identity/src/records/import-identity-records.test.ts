import type { CustomerRecord, DepositAccountRecord } from "@oa/platform";
import { migrate } from "@oa/platform";
import { createTestDatabase, type TestDatabase, testSettings } from "@oa/platform/testing";
import type { DataSource } from "typeorm";
import { createIdentityDataSource, IDENTITY_SCHEMA } from "../data/data-source";
import { decryptTaxId, taxIdLookup } from "../modules/customer/tax-id";
import { importIdentityRecords } from "./import-identity-records";

const dana: CustomerRecord = {
  id: "C-100001",
  taxId: "900100001",
  firstName: "Dana",
  lastName: "Whitfield",
  dateOfBirth: "1984-03-09",
  email: "dana.whitfield@example.com",
  mobilePhone: "+13135550101",
};
const luis: CustomerRecord = {
  id: "C-100002",
  taxId: "900100002",
  firstName: "Luis",
  lastName: "Ortega",
  dateOfBirth: "1979-11-23",
  email: null,
  mobilePhone: null,
};
const accounts: DepositAccountRecord[] = [
  { accountNumber: "2100000001", product: "BANK", holders: ["C-100001", "C-100002"] },
  { accountNumber: "3100000001", product: "INVEST", holders: ["C-100002"] },
];

interface CustomerRow {
  id: string;
  tax_id_lookup: string;
  tax_id_encrypted: string;
  first_name: string;
  date_of_birth: string;
  email: string | null;
  updated_at: Date;
}

describe("importIdentityRecords", () => {
  const settings = testSettings();
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createIdentityDataSource(database.url);
    await dataSource.initialize();
    await migrate(dataSource, IDENTITY_SCHEMA);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const runImport = (customers: CustomerRecord[], depositAccounts: DepositAccountRecord[]) =>
    dataSource.transaction((manager) => importIdentityRecords(manager, { customers, depositAccounts }, settings));
  const customerRows = (): Promise<CustomerRow[]> =>
    dataSource.query(
      `SELECT id, tax_id_lookup, tax_id_encrypted, first_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, email, updated_at
       FROM identity.customers ORDER BY id`,
    );
  const holderRows = (): Promise<{ account_number: string; customer_id: string }[]> =>
    dataSource.query(`SELECT account_number, customer_id FROM identity.deposit_account_holders ORDER BY account_number, customer_id`);
  const accountRows = (): Promise<{ account_number: string; product: string; updated_at: Date }[]> =>
    dataSource.query(`SELECT account_number, product, updated_at FROM identity.deposit_accounts ORDER BY account_number`);

  it("writes customers with the tax id only as a lookup HMAC and an AES-GCM ciphertext", async () => {
    expect(await runImport([dana, luis], accounts)).toEqual({ customers: 2, depositAccounts: 2 });
    const [row] = await customerRows();
    expect(row).toMatchObject({ id: "C-100001", first_name: "Dana", date_of_birth: "1984-03-09", email: "dana.whitfield@example.com" });
    expect(row.tax_id_lookup).toBe(taxIdLookup(settings.lookupHmacKey, "900100001"));
    expect(row.tax_id_encrypted).not.toContain("900100001");
    expect(decryptTaxId(settings.taxIdEncryptionKey, row.tax_id_encrypted)).toBe("900100001");
    expect(await holderRows()).toEqual([
      { account_number: "2100000001", customer_id: "C-100001" },
      { account_number: "2100000001", customer_id: "C-100002" },
      { account_number: "3100000001", customer_id: "C-100002" },
    ]);
  });

  it("changes nothing when the same records are imported again", async () => {
    const [customersBefore, accountsBefore, holdersBefore] = [await customerRows(), await accountRows(), await holderRows()];
    expect(await runImport([dana, luis], accounts)).toEqual({ customers: 0, depositAccounts: 0 });
    expect(await customerRows()).toEqual(customersBefore);
    expect(await accountRows()).toEqual(accountsBefore);
    expect(await holderRows()).toEqual(holdersBefore);
  });

  it("updates a changed customer, keeping the ciphertext while the tax id is the same", async () => {
    const [before] = await customerRows();
    expect(await runImport([{ ...dana, email: null, firstName: "Danielle" }, luis], accounts)).toEqual({ customers: 1, depositAccounts: 0 });
    const [after, luisAfter] = await customerRows();
    expect(after).toMatchObject({ first_name: "Danielle", email: null, tax_id_encrypted: before.tax_id_encrypted });
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
    expect(luisAfter.first_name).toBe("Luis");
  });

  it("re-encrypts when the tax id changed", async () => {
    const [before] = await customerRows();
    await runImport([{ ...dana, taxId: "900100009" }], []);
    const [after] = await customerRows();
    expect(after.tax_id_lookup).toBe(taxIdLookup(settings.lookupHmacKey, "900100009"));
    expect(after.tax_id_encrypted).not.toBe(before.tax_id_encrypted);
    expect(decryptTaxId(settings.taxIdEncryptionKey, after.tax_id_encrypted)).toBe("900100009");
  });

  it("replaces an account's holders with the file's and updates a changed product", async () => {
    const [, investBefore] = await accountRows();
    const changed: DepositAccountRecord[] = [
      { accountNumber: "2100000001", product: "BANK", holders: ["C-100002"] },
      { accountNumber: "3100000001", product: "INVEST", holders: ["C-100001", "C-100002"] },
    ];
    expect(await runImport([], changed)).toEqual({ customers: 0, depositAccounts: 2 });
    expect(await holderRows()).toEqual([
      { account_number: "2100000001", customer_id: "C-100002" },
      { account_number: "3100000001", customer_id: "C-100001" },
      { account_number: "3100000001", customer_id: "C-100002" },
    ]);
    const [, investAfter] = await accountRows();
    expect(investAfter.updated_at.getTime()).toBeGreaterThan(investBefore.updated_at.getTime());

    expect(await runImport([], [{ ...changed[0], product: "INVEST" }])).toEqual({ customers: 0, depositAccounts: 1 });
    expect((await accountRows())[0].product).toBe("INVEST");
    expect(await runImport([], [{ ...changed[0], product: "INVEST" }])).toEqual({ customers: 0, depositAccounts: 0 });
  });

  it("writes nothing when the surrounding transaction fails", async () => {
    const before = await customerRows();
    await expect(
      dataSource.transaction(async (manager) => {
        await importIdentityRecords(manager, { customers: [{ ...luis, firstName: "Changed" }], depositAccounts: [] }, settings);
        throw new Error("another writer failed");
      }),
    ).rejects.toThrow("another writer failed");
    expect(await customerRows()).toEqual(before);
  });
});
