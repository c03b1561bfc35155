import type { CustomerRecord, RecordsFile, VehicleAccountRecord } from "@oa/platform";

/** A customer the benchmark enrolls, and the Auto accounts it holds (the first one enrolls). */
export interface BenchCustomer {
  record: CustomerRecord;
  username: string;
  accountNumbers: string[];
}

/** Dev-only password of the generated logins (passes the password rules for both people). */
export const BENCH_PASSWORD = "Violet-Harbor-Lantern-42";

function customer(n: number, firstName: string, lastName: string): CustomerRecord {
  return {
    id: `C-9${String(n).padStart(5, "0")}`,
    taxId: `90099${String(n).padStart(4, "0")}`,
    firstName,
    lastName,
    dateOfBirth: "1980-05-17",
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
    mobilePhone: `+1313555${String(9000 + n)}`,
  };
}

function account(owner: CustomerRecord, n: number): VehicleAccountRecord {
  return {
    accountNumber: `AV-9${String(n).padStart(9, "0")}`,
    vin: `1FTFW1E59${String(n).padStart(8, "0")}`,
    year: 2020 + (n % 5),
    make: "Ford",
    model: "F-150",
    creditor: "Ally Financial",
    contract: "RETAIL_INSTALLMENT",
    status: "ACTIVE",
    holders: [{ customerId: owner.id, role: "PRIMARY" }],
  };
}

/**
 * Generated customers: one with a single eligible vehicle account, one with `fleetSize`, and
 * `loginCustomers` with one each who only sign in (each login of a burst is another person's, as
 * in real traffic: parallel tries of one person wait for each other's check).
 */
export function benchRecords(fleetSize: number, loginCustomers = 0): { records: RecordsFile; single: BenchCustomer; fleet: BenchCustomer; logins: BenchCustomer[] } {
  const singleRecord = customer(1, "Sam", "Single");
  const fleetRecord = customer(2, "Fran", "Fleet");
  const singleAccounts = [account(singleRecord, 1)];
  const fleetAccounts = Array.from({ length: fleetSize }, (_, i) => account(fleetRecord, 100 + i));
  const loginRecords = Array.from({ length: loginCustomers }, (_, i) => customer(100 + i, "Lee", `Login${i}`));
  const loginAccounts = loginRecords.map((record, i) => account(record, 1000 + i));
  return {
    records: {
      customers: [singleRecord, fleetRecord, ...loginRecords],
      depositAccounts: [],
      vehicleAccounts: [...singleAccounts, ...fleetAccounts, ...loginAccounts],
    },
    single: { record: singleRecord, username: "bench.single", accountNumbers: singleAccounts.map((a) => a.accountNumber) },
    fleet: { record: fleetRecord, username: "bench.fleet", accountNumbers: fleetAccounts.map((a) => a.accountNumber) },
    logins: loginRecords.map((record, i) => ({ record, username: `bench.login${i}`, accountNumbers: [loginAccounts[i].accountNumber] })),
  };
}
