import { createTestDatabase, type TestDatabase } from "@oa/platform/testing";
import { migrate } from "@oa/platform";
import type { DataSource } from "typeorm";
import { createVehicleAccountDataSource, VEHICLE_ACCOUNT_SCHEMA } from "../data/data-source";
import { customerId, vehicleRecord } from "../testing/fixtures";
import { importVehicleAccountRecords } from "./import-vehicle-account-records";

describe("importVehicleAccountRecords", () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createVehicleAccountDataSource(database.url, { poolSize: 2 });
    await dataSource.initialize();
    await migrate(dataSource, VEHICLE_ACCOUNT_SCHEMA);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const importInTransaction = (records: Parameters<typeof importVehicleAccountRecords>[1]) => dataSource.transaction((manager) => importVehicleAccountRecords(manager, records));

  // Every column of the accounts and holders in the file, in a stable order.
  async function stored(accountNumbers: string[]) {
    const accounts = await dataSource.query(
      `SELECT id, account_number, vin, year, make, model, creditor, contract, status, updated_at
         FROM vehicle_account.vehicle_accounts WHERE account_number = ANY($1) ORDER BY account_number`,
      [accountNumbers],
    );
    const holders = await dataSource.query(
      `SELECT a.account_number, h.customer_id, h.role
         FROM vehicle_account.vehicle_account_holders h JOIN vehicle_account.vehicle_accounts a ON a.id = h.vehicle_account_id
        WHERE a.account_number = ANY($1) ORDER BY a.account_number, h.customer_id`,
      [accountNumbers],
    );
    return { accounts, holders };
  }

  it("writes every account and its holders", async () => {
    const [primary, joint] = [customerId(), customerId()];
    const records = [
      vehicleRecord({
        holders: [
          { customerId: primary, role: "PRIMARY" },
          { customerId: joint, role: "JOINT" },
        ],
      }),
      vehicleRecord({
        creditor: "Nuvell Credit Company",
        contract: "SMARTLEASE",
        status: "VEHICLE_RETURNED",
        year: 2019,
        make: "Suzuki",
        model: "Grand Vitara",
        holders: [{ customerId: joint, role: "PRIMARY" }],
      }),
    ];
    expect(await importInTransaction(records)).toEqual({ vehicleAccounts: 2 });

    const { accounts, holders } = await stored(records.map((record) => record.accountNumber));
    expect(accounts).toMatchObject(
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
    expect(holders).toEqual(
      records
        .flatMap((record) => record.holders.map((holder) => ({ account_number: record.accountNumber, customer_id: holder.customerId, role: holder.role })))
        .sort((a, b) => (a.account_number + a.customer_id).localeCompare(b.account_number + b.customer_id)),
    );
  });

  it("changes nothing when the same file is imported twice", async () => {
    const records = [
      vehicleRecord({
        holders: [
          { customerId: customerId(), role: "PRIMARY" },
          { customerId: customerId(), role: "JOINT" },
        ],
      }),
      vehicleRecord(),
    ];
    const numbers = records.map((record) => record.accountNumber);
    expect(await importInTransaction(records)).toEqual({ vehicleAccounts: 2 });
    const before = await stored(numbers);

    expect(await importInTransaction(records)).toEqual({ vehicleAccounts: 0 });
    // Same ids, same values and not even a new updated_at: no row was written.
    expect(await stored(numbers)).toEqual(before);
  });

  it("updates a changed record and leaves the others alone", async () => {
    const unchanged = vehicleRecord();
    const changing = vehicleRecord({ status: "ACTIVE" });
    await importInTransaction([unchanged, changing]);
    const before = await stored([unchanged.accountNumber, changing.accountNumber]);

    expect(await importInTransaction([unchanged, { ...changing, status: "PAID_IN_FULL", creditor: "Ally Financial " }])).toEqual({ vehicleAccounts: 1 });
    const after = await stored([unchanged.accountNumber, changing.accountNumber]);
    expect(after.accounts[0]).toEqual(before.accounts[0]);
    expect(after.accounts[1]).toMatchObject({ id: before.accounts[1].id, status: "PAID_IN_FULL", creditor: "Ally Financial " });
    expect(after.accounts[1].updated_at.getTime()).toBeGreaterThanOrEqual(before.accounts[1].updated_at.getTime());
  });

  it("replaces the holders with the file's: removed, added and re-roled", async () => {
    const [first, second, third] = [customerId(), customerId(), customerId()];
    const record = vehicleRecord({
      holders: [
        { customerId: first, role: "PRIMARY" },
        { customerId: second, role: "JOINT" },
      ],
    });
    await importInTransaction([record]);

    const next = {
      ...record,
      holders: [
        { customerId: second, role: "PRIMARY" as const },
        { customerId: third, role: "JOINT" as const },
      ],
    };
    expect(await importInTransaction([next])).toEqual({ vehicleAccounts: 1 });
    expect((await stored([record.accountNumber])).holders).toEqual(
      [
        { account_number: record.accountNumber, customer_id: second, role: "PRIMARY" },
        { account_number: record.accountNumber, customer_id: third, role: "JOINT" },
      ].sort((a, b) => a.customer_id.localeCompare(b.customer_id)),
    );
    expect(await importInTransaction([next])).toEqual({ vehicleAccounts: 0 });
  });

  it("writes nothing when the transaction it runs in fails", async () => {
    const record = vehicleRecord();
    await expect(
      dataSource.transaction(async (manager) => {
        await importVehicleAccountRecords(manager, [record]);
        throw new Error("another writer failed");
      }),
    ).rejects.toThrow("another writer failed");
    expect((await stored([record.accountNumber])).accounts).toEqual([]);
  });

  it("accepts an empty list", async () => {
    expect(await importInTransaction([])).toEqual({ vehicleAccounts: 0 });
  });
});
