// `npm run records:import`'s core against a fresh PostgreSQL database: migrations first, the
// whole file or nothing, idempotent, updates changed records.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Settings } from "@oa/platform";
import { createTestDatabase, type TestDatabase, testSettings } from "@oa/platform/testing";
import { Client } from "pg";
import { DEMO_RECORDS_FILE } from "../../packages/cli/src/demo-records";
import { importRecordsFile, RecordsFileError, writeRecords } from "../../packages/cli/src/records/import-records";
import { RecordsValidationError } from "../../packages/cli/src/records/validate-records";

// Every table the import writes, with an order that makes a dump comparable.
const TABLES: Record<string, string> = {
  "identity.customers": "id",
  "identity.deposit_accounts": "account_number",
  "identity.deposit_account_holders": "account_number, customer_id",
  "vehicle_account.vehicle_accounts": "account_number",
  "vehicle_account.vehicle_account_holders": "vehicle_account_id, customer_id",
};

type Json = Record<string, any>;

describe("records import", () => {
  let database: TestDatabase;
  let settings: Settings & { databaseUrl: string };
  let client: Client;
  let folder: string;
  const demo = JSON.parse(readFileSync(DEMO_RECORDS_FILE, "utf8")) as Json;

  /** Writes a records file and returns its path. */
  function recordsFile(name: string, content: unknown): string {
    const file = path.join(folder, name);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  }

  /** Every row of every table the import writes, every column included. */
  async function dump(): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    for (const [table, order] of Object.entries(TABLES)) result[table] = (await client.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;
    return result;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    settings = { ...testSettings(), databaseUrl: database.url };
    client = new Client({ connectionString: database.url });
    await client.connect();
    folder = mkdtempSync(path.join(tmpdir(), "oa-records-"));
  });

  afterAll(async () => {
    await client.end();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("runs the migrations and writes the whole demo file", async () => {
    const summary = await importRecordsFile(settings, DEMO_RECORDS_FILE);
    const counts = { customers: demo.customers.length, depositAccounts: demo.depositAccounts.length, vehicleAccounts: demo.vehicleAccounts.length };
    expect(summary).toEqual({ inFile: counts, written: counts });

    const rows = await dump();
    expect(rows["identity.customers"]).toHaveLength(counts.customers);
    expect(rows["identity.deposit_accounts"]).toHaveLength(counts.depositAccounts);
    expect(rows["vehicle_account.vehicle_accounts"]).toHaveLength(counts.vehicleAccounts);
    const holders = (accounts: Json[]) => accounts.reduce((sum, account) => sum + account.holders.length, 0);
    expect(rows["identity.deposit_account_holders"]).toHaveLength(holders(demo.depositAccounts));
    expect(rows["vehicle_account.vehicle_account_holders"]).toHaveLength(holders(demo.vehicleAccounts));

    // Stored normalised, and the tax id never in clear.
    const customer = (await client.query("SELECT * FROM identity.customers WHERE id = 'C-100005'")).rows[0];
    expect(customer).toMatchObject({ first_name: "Casey", mobile_phone: null });
    expect(JSON.stringify(rows["identity.customers"])).not.toMatch(/900-?20-?000\d/);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await dump();
    const summary = await importRecordsFile(settings, DEMO_RECORDS_FILE);
    expect(summary.written).toEqual({ customers: 0, depositAccounts: 0, vehicleAccounts: 0 });
    expect(await dump()).toEqual(before);
  });

  it("refuses an invalid file as a whole, naming the record and field, and writes nothing", async () => {
    const before = await dump();
    const bad = {
      customers: [...demo.customers, { id: "C-NEW", taxId: "900-99-0001", firstName: "New", lastName: "Person", dateOfBirth: "1990-01-01" }],
      depositAccounts: [{ accountNumber: "2199999999", product: "BANK", holders: ["C-NEW"] }],
      vehicleAccounts: demo.vehicleAccounts.map((account: Json, index: number) => (index === 3 ? { ...account, vin: "NOT-A-VIN", status: "SOLD" } : account)),
    };
    const promise = importRecordsFile(settings, recordsFile("bad.json", bad));
    await expect(promise).rejects.toBeInstanceOf(RecordsValidationError);
    const problems = await promise.catch((error: RecordsValidationError) => error.problems);
    const number = demo.vehicleAccounts[3].accountNumber;
    expect(problems).toEqual([
      `vehicleAccounts[3] (${number}).vin: must be 17 characters without I, O or Q`,
      `vehicleAccounts[3] (${number}).status: must be one of ACTIVE, PAID_IN_FULL, VEHICLE_RETURNED, CLOSED, CANCELED`,
    ]);
    expect(await dump()).toEqual(before);
  });

  it("writes nothing when the database refuses part of a valid file", async () => {
    const before = await dump();
    // Valid on its own, but its vehicle reuses a VIN on file under another account number:
    // the customer and deposit account written first must be rolled back with it.
    const clash = {
      customers: [{ id: "C-NEW", taxId: "900-99-0002", firstName: "New", lastName: "Person", dateOfBirth: "1990-01-01" }],
      depositAccounts: [{ accountNumber: "2199999998", product: "INVEST", holders: ["C-NEW"] }],
      vehicleAccounts: [{ ...demo.vehicleAccounts[0], accountNumber: "AV-9999999999", holders: [{ customerId: "C-NEW", role: "PRIMARY" }] }],
    };
    await expect(writeRecords(settings.databaseUrl, clash, settings)).rejects.toThrow(/unique constraint/);
    expect(await dump()).toEqual(before);
  });

  it("updates a changed record and leaves the others as they were", async () => {
    const before = await dump();
    const changed = structuredClone(demo);
    changed.vehicleAccounts[0].status = "PAID_IN_FULL";
    changed.customers[2].email = "morgan.patel.new@example.com";
    changed.depositAccounts[0].holders = [changed.depositAccounts[0].holders[0]];
    const summary = await importRecordsFile(settings, recordsFile("changed.json", changed));
    expect(summary.written).toEqual({ customers: 1, depositAccounts: 1, vehicleAccounts: 1 });

    const after = await dump();
    const vehicle = (rows: unknown[]) => (rows as Json[]).find((row) => row.account_number === demo.vehicleAccounts[0].accountNumber);
    expect(vehicle(after["vehicle_account.vehicle_accounts"])?.status).toBe("PAID_IN_FULL");
    expect(vehicle(after["vehicle_account.vehicle_accounts"])?.id).toBe(vehicle(before["vehicle_account.vehicle_accounts"])?.id);
    const untouched = (rows: unknown[]) => (rows as Json[]).filter((row) => row.account_number !== demo.vehicleAccounts[0].accountNumber);
    expect(untouched(after["vehicle_account.vehicle_accounts"])).toEqual(untouched(before["vehicle_account.vehicle_accounts"]));
    expect((after["identity.customers"] as Json[]).find((row) => row.id === demo.customers[2].id)?.email).toBe("morgan.patel.new@example.com");
    expect(after["identity.deposit_account_holders"]).toHaveLength(before["identity.deposit_account_holders"].length - 1);
  });

  it("accepts holders that are customers already in the database", async () => {
    const summary = await importRecordsFile(
      settings,
      recordsFile("existing-holder.json", { customers: [], depositAccounts: [{ accountNumber: "3199999997", product: "INVEST", holders: ["C-100003"] }], vehicleAccounts: [] }),
    );
    expect(summary.written.depositAccounts).toBe(1);
    await expect(
      importRecordsFile(settings, recordsFile("unknown-holder.json", { customers: [], depositAccounts: [{ accountNumber: "3199999996", product: "INVEST", holders: ["C-UNKNOWN"] }], vehicleAccounts: [] })),
    ).rejects.toThrow('depositAccounts[0] (3199999996).holders[0]: unknown customer "C-UNKNOWN"');
  });

  it("refuses a file that cannot be read or is not JSON, with a plain message", async () => {
    await expect(importRecordsFile(settings, path.join(folder, "missing.json"))).rejects.toThrow(RecordsFileError);
    await expect(importRecordsFile(settings, path.join(folder, "missing.json"))).rejects.toThrow(/no such file/);
    await expect(importRecordsFile(settings, recordsFile("broken.json", "{ customers: "))).rejects.toThrow(/is not valid JSON/);
  });
});
