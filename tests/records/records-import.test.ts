// `npm run records:import`'s core against a fresh PostgreSQL database: migrations first, the
// whole file or nothing, idempotent, updates changed records, refuses clashes with rows on file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { importIdentityRecords } from "@oa/identity";
import type { RecordsFile, Settings } from "@oa/platform";
import { createTestDatabase, type TestDatabase, testSettings } from "@oa/platform/testing";
import { importVehicleAccountRecords } from "@oa/vehicle-account";
import { Client } from "pg";
import { DataSource } from "typeorm";
import { DEMO_RECORDS_FILE } from "../../packages/cli/src/demo-records";
import { describeUniqueViolation } from "../../packages/cli/src/records/conflicts-on-file";
import { withDatabaseConnection } from "../../packages/cli/src/records/database-connection";
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

  /** writeRecords on a connection of its own, as the import command runs it. */
  const write = (content: unknown) => withDatabaseConnection(settings.databaseUrl, (database) => writeRecords(database, content, settings));

  /** The problems a refused import names; fails the test when the import is not refused that way. */
  async function refusal(content: unknown): Promise<string[]> {
    const error = await write(content).then(
      () => new Error("the import was not refused"),
      (refused: unknown) => refused,
    );
    expect(error).toBeInstanceOf(RecordsValidationError);
    return (error as RecordsValidationError).problems;
  }

  /** A new customer for a records file (ids and tax ids in test ranges that the demo does not use). */
  function newCustomer(id: string, taxId: string): Json {
    return { id, taxId, firstName: "New", lastName: "Person", dateOfBirth: "1990-01-01" };
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
      `vehicleAccounts[3] (${number}).vin: must be 17 letters and digits, without I, O or Q`,
      `vehicleAccounts[3] (${number}).status: must be one of ACTIVE, PAID_IN_FULL, VEHICLE_RETURNED, CLOSED, CANCELED`,
    ]);
    expect(await dump()).toEqual(before);
  });

  it("writes nothing when the database refuses part of a valid file", async () => {
    const before = await dump();
    // A rule of the database the validator does not know, on the last table written: the
    // customer and deposit account written first must be rolled back with it.
    await client.query("ALTER TABLE vehicle_account.vehicle_accounts ADD CONSTRAINT test_refuses_make CHECK (make <> 'Refused')");
    try {
      const refused = {
        customers: [newCustomer("C-NEW", "900-99-0002")],
        depositAccounts: [{ accountNumber: "2199999998", product: "INVEST", holders: ["C-NEW"] }],
        vehicleAccounts: [
          { ...demo.vehicleAccounts[0], accountNumber: "AV-9999999999", vin: "1HGCM82633A999999", make: "Refused", holders: [{ customerId: "C-NEW", role: "PRIMARY" }] },
        ],
      };
      await expect(write(refused)).rejects.toThrow(/test_refuses_make/);
    } finally {
      await client.query("ALTER TABLE vehicle_account.vehicle_accounts DROP CONSTRAINT test_refuses_make");
    }
    expect(await dump()).toEqual(before);
  });

  describe("a tax id or VIN that already belongs to another record on file", () => {
    it("refuses a new customer with another customer's tax id, naming the record and field, never the tax id", async () => {
      const before = await dump();
      // Typed differently from the file on file: the same 9 digits all the same.
      const taken = demo.customers[0].taxId.replace(/-/g, " ");
      const problems = await refusal({ customers: [newCustomer("P-9099", "900-99-0003"), newCustomer("P-9100", taken)], depositAccounts: [], vehicleAccounts: [] });
      expect(problems).toEqual(["customers[1] (P-9100).taxId: already belongs to another customer on file"]);
      expect(JSON.stringify(problems)).not.toMatch(/900.?20.?0001/);
      expect(await dump()).toEqual(before);
    });

    it("refuses a customer on file taking another customer's tax id", async () => {
      const before = await dump();
      const jordan = { ...demo.customers[1], taxId: demo.customers[2].taxId };
      const problems = await refusal({ customers: [jordan], depositAccounts: [], vehicleAccounts: [] });
      expect(problems).toEqual([`customers[0] (${jordan.id}).taxId: already belongs to another customer on file`]);
      expect(await dump()).toEqual(before);
    });

    it("refuses tax ids swapped between two customers on file", async () => {
      const before = await dump();
      const [first, second] = [demo.customers[3], demo.customers[4]];
      const problems = await refusal({
        customers: [
          { ...first, taxId: second.taxId },
          { ...second, taxId: first.taxId },
        ],
        depositAccounts: [],
        vehicleAccounts: [],
      });
      expect(problems).toEqual([
        `customers[0] (${first.id}).taxId: already belongs to customers[1] (${second.id}) on file; a tax id cannot move from one customer to another in one import`,
        `customers[1] (${second.id}).taxId: already belongs to customers[0] (${first.id}) on file; a tax id cannot move from one customer to another in one import`,
      ]);
      expect(await dump()).toEqual(before);
    });

    it("refuses a new vehicle account with another account's VIN, and the file's other records with it", async () => {
      const before = await dump();
      const clash = {
        customers: [newCustomer("C-NEW", "900-99-0004")],
        depositAccounts: [{ accountNumber: "2199999997", product: "INVEST", holders: ["C-NEW"] }],
        vehicleAccounts: [
          { ...demo.vehicleAccounts[1], accountNumber: "VL-779999998", vin: "1HGCM82633A999998", holders: [{ customerId: "C-NEW", role: "PRIMARY" }] },
          { ...demo.vehicleAccounts[2] },
          { ...demo.vehicleAccounts[0], accountNumber: "VL-779999999", vin: demo.vehicleAccounts[0].vin.toLowerCase(), holders: [{ customerId: "C-NEW", role: "PRIMARY" }] },
        ],
      };
      expect(await refusal(clash)).toEqual(["vehicleAccounts[2] (VL-779999999).vin: already belongs to another vehicle account on file"]);
      expect(await dump()).toEqual(before);
    });

    it("refuses an account number and VIN swapped between two accounts on file", async () => {
      const before = await dump();
      const [first, second] = [demo.vehicleAccounts[4], demo.vehicleAccounts[5]];
      const problems = await refusal({
        customers: [],
        depositAccounts: [],
        vehicleAccounts: [
          { ...first, vin: second.vin },
          { ...second, vin: first.vin },
        ],
      });
      expect(problems).toEqual([
        `vehicleAccounts[0] (${first.accountNumber}).vin: already belongs to vehicleAccounts[1] (${second.accountNumber}) on file; a VIN cannot move from one vehicle account to another in one import`,
        `vehicleAccounts[1] (${second.accountNumber}).vin: already belongs to vehicleAccounts[0] (${first.accountNumber}) on file; a VIN cannot move from one vehicle account to another in one import`,
      ]);
      expect(await dump()).toEqual(before);
    });

    it("lists every clash of the file at once, and the command's message names them", async () => {
      const file = recordsFile("clashes.json", {
        customers: [newCustomer("P-9101", demo.customers[5].taxId)],
        depositAccounts: [],
        vehicleAccounts: [{ ...demo.vehicleAccounts[6], accountNumber: "VL-779999997", holders: [{ customerId: "P-9101", role: "PRIMARY" }] }],
      });
      const error = await importRecordsFile(settings, file).catch((refused: unknown) => refused);
      expect(error).toBeInstanceOf(RecordsValidationError);
      expect((error as Error).message).toBe(
        [
          "The records file is invalid (2 problems); nothing was imported:",
          "  - customers[0] (P-9101).taxId: already belongs to another customer on file",
          "  - vehicleAccounts[0] (VL-779999997).vin: already belongs to another vehicle account on file",
        ].join("\n"),
      );
    });

    it("names the record of a unique violation it could not foresee (a row written meanwhile)", async () => {
      // The writers straight, without the check: the database's own refusal, then its description.
      const dataSource = new DataSource({ type: "postgres", url: settings.databaseUrl, extra: { max: 1 } });
      await dataSource.initialize();
      try {
        const records: RecordsFile = {
          customers: [
            { id: "P-9102", taxId: "900990005", firstName: "New", lastName: "Person", dateOfBirth: "1990-01-01", email: null, mobilePhone: null },
            { ...demo.customers[6], taxId: demo.customers[0].taxId.replace(/-/g, ""), email: null, mobilePhone: null },
          ],
          depositAccounts: [],
          vehicleAccounts: [{ ...demo.vehicleAccounts[7], accountNumber: "VL-779999996" }],
        };
        const customerError = await dataSource.transaction((manager) => importIdentityRecords(manager, records, settings)).catch((error: unknown) => error);
        expect(describeUniqueViolation(customerError, records, settings)).toBe(`customers[1] (${demo.customers[6].id}).taxId: already belongs to another customer on file`);
        const vehicleError = await dataSource.transaction((manager) => importVehicleAccountRecords(manager, records.vehicleAccounts)).catch((error: unknown) => error);
        expect(describeUniqueViolation(vehicleError, records, settings)).toBe("vehicleAccounts[0] (VL-779999996).vin: already belongs to another vehicle account on file");
        // Any other error is not a clash.
        expect(describeUniqueViolation(new Error("connection lost"), records, settings)).toBeNull();
      } finally {
        await dataSource.destroy();
      }
    });
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
      importRecordsFile(
        settings,
        recordsFile("unknown-holder.json", { customers: [], depositAccounts: [{ accountNumber: "3199999996", product: "INVEST", holders: ["C-UNKNOWN"] }], vehicleAccounts: [] }),
      ),
    ).rejects.toThrow('depositAccounts[0] (3199999996).holders[0]: unknown customer "C-UNKNOWN"');
  });

  it("refuses a file that cannot be read or is not JSON, with a plain message", async () => {
    await expect(importRecordsFile(settings, path.join(folder, "missing.json"))).rejects.toThrow(RecordsFileError);
    await expect(importRecordsFile(settings, path.join(folder, "missing.json"))).rejects.toThrow(/no such file/);
    await expect(importRecordsFile(settings, recordsFile("broken.json", "{ customers: "))).rejects.toThrow(/is not valid JSON/);
  });
});
