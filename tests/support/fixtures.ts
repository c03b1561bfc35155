import type { RecordsFile, VehicleAccountRecord } from "@oa/platform";

/** A VIN of 17 characters (no I, O or Q) ending in the given number. */
export function vin(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(17 - prefix.length, "0")}`;
}

function vehicle(accountNumber: string, vinValue: string, extra: Partial<VehicleAccountRecord>, holders: VehicleAccountRecord["holders"]): VehicleAccountRecord {
  return {
    accountNumber,
    vin: vinValue,
    year: 2021,
    make: "Honda",
    model: "Accord",
    creditor: "Ally Financial",
    contract: "RETAIL_INSTALLMENT",
    status: "ACTIVE",
    holders,
    ...extra,
  };
}

export const DANA = {
  customerId: "C-100001",
  taxId: "900-10-0001",
  firstName: "Dana",
  lastName: "Whitfield",
  dateOfBirth: "1984-03-09",
  email: "dana.whitfield@example.com",
  mobilePhone: "+13135550101",
};
export const LUIS = {
  customerId: "C-100002",
  taxId: "900-10-0002",
  firstName: "Luis",
  lastName: "Ortega",
  dateOfBirth: "1979-11-23",
  email: "luis.ortega@example.com",
  mobilePhone: "+13135550102",
};
export const FLEET = {
  customerId: "C-100003",
  taxId: "900-10-0003",
  firstName: "Fran",
  lastName: "Fleet",
  dateOfBirth: "1970-01-15",
  email: "fran.fleet@example.com",
  mobilePhone: "+13135550103",
};
export const SOLO = { customerId: "C-100004", taxId: "900-10-0004", firstName: "Sol", lastName: "Single", dateOfBirth: "1990-06-30", email: null, mobilePhone: "+13135550104" };
export const OTHER = {
  customerId: "C-100005",
  taxId: "900-10-0005",
  firstName: "Olga",
  lastName: "Other",
  dateOfBirth: "1988-02-02",
  email: "olga.other@example.com",
  mobilePhone: null,
};

/** Records for the end-to-end tests: every case the rules name. */
export function testRecords(): RecordsFile {
  const people = [DANA, LUIS, FLEET, SOLO, OTHER];
  const fleet = Array.from({ length: 30 }, (_, i) =>
    vehicle(`AV-3${String(i).padStart(9, "0")}`, vin("1FTFW1E5", 300 + i), { creditor: "Nuvell Credit Company", make: "Ford", model: "F-150" }, [
      { customerId: FLEET.customerId, role: "PRIMARY" },
    ]),
  );
  return {
    customers: people.map(({ customerId, taxId, ...rest }) => ({ id: customerId, taxId: taxId.replace(/-/g, ""), ...rest })),
    depositAccounts: [
      { accountNumber: "2100000001", product: "BANK", holders: [DANA.customerId, LUIS.customerId] },
      { accountNumber: "3100000001", product: "INVEST", holders: [LUIS.customerId] },
      { accountNumber: "2100000004", product: "BANK", holders: [SOLO.customerId] },
    ],
    vehicleAccounts: [
      vehicle("AV-0000000101", "1HGCV1F34MA000101", {}, [
        { customerId: DANA.customerId, role: "PRIMARY" },
        { customerId: LUIS.customerId, role: "JOINT" },
      ]),
      vehicle(
        "AV-0000000102",
        "JS3TD62V0Y4000102",
        { creditor: "American Suzuki Financial Services", contract: "SMARTLEASE", status: "VEHICLE_RETURNED", make: "Suzuki", model: "Grand Vitara", year: 2019 },
        [{ customerId: DANA.customerId, role: "PRIMARY" }],
      ),
      vehicle("AV-0000000103", "1HGCV1F34MA000103", { status: "PAID_IN_FULL" }, [{ customerId: DANA.customerId, role: "PRIMARY" }]),
      vehicle("AV-0000000104", "1HGCV1F34MA000104", { status: "CLOSED" }, [{ customerId: DANA.customerId, role: "PRIMARY" }]),
      vehicle("AV-0000000105", "1HGCV1F34MA000105", { status: "CANCELED" }, [{ customerId: DANA.customerId, role: "PRIMARY" }]),
      vehicle("AV-0000000106", "1HGCV1F34MA000106", { creditor: "Westlake Financial" }, [{ customerId: DANA.customerId, role: "PRIMARY" }]),
      vehicle("AV-0000000107", "1HGCV1F34MA000107", { status: "VEHICLE_RETURNED", contract: "BALLOON", creditor: "national auto finance company" }, [
        { customerId: DANA.customerId, role: "PRIMARY" },
      ]),
      vehicle("AV-0000000108", "1HGCV1F34MA000108", { creditor: "Nuvell Credit Company" }, [
        { customerId: LUIS.customerId, role: "PRIMARY" },
        { customerId: DANA.customerId, role: "JOINT" },
      ]),
      vehicle("AV-0000000501", "1HGCV1F34MA000501", {}, [{ customerId: OTHER.customerId, role: "PRIMARY" }]),
      vehicle("AV-0000000401", "1HGCV1F34MA000401", { creditor: "Ally Financial" }, [{ customerId: SOLO.customerId, role: "PRIMARY" }]),
      ...fleet,
    ],
  };
}

/** Three answers to three different catalog questions. */
export { securityAnswers as answers } from "../../packages/cli/src/journeys/sign-in";

export const GOOD_PASSWORD = "Violet-Harbor-Lantern-42";
