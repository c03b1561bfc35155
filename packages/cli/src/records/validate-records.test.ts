import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_LISTED_PROBLEMS, RecordsValidationError, referencedCustomerIds, validateRecords } from "./validate-records";

const ROOT = join(__dirname, "../../../..");
const TODAY = "2026-01-15";

function customer(overrides: Record<string, unknown> = {}) {
  return {
    id: "C-1",
    taxId: "900-10-0001",
    firstName: "Dana",
    lastName: "Whitfield",
    dateOfBirth: "1984-03-09",
    email: "dana@example.com",
    mobilePhone: "+13135550101",
    ...overrides,
  };
}

function vehicle(overrides: Record<string, unknown> = {}) {
  return {
    accountNumber: "AV-1",
    vin: "1HGCV1F34MA000101",
    year: 2021,
    make: "Honda",
    model: "Accord",
    creditor: "Ally Financial",
    contract: "RETAIL_INSTALLMENT",
    status: "ACTIVE",
    holders: [{ customerId: "C-1", role: "PRIMARY" }],
    ...overrides,
  };
}

function file(parts: { customers?: unknown[]; depositAccounts?: unknown[]; vehicleAccounts?: unknown[] } = {}) {
  return { customers: [customer()], depositAccounts: [], vehicleAccounts: [], ...parts };
}

/** The problems a file is refused with (fails the test if it is accepted). */
function problemsOf(json: unknown, knownCustomerIds?: Set<string>): string[] {
  try {
    validateRecords(json, { today: TODAY, knownCustomerIds });
  } catch (error) {
    if (error instanceof RecordsValidationError) return error.problems;
    throw error;
  }
  throw new Error("the file was accepted");
}

describe("validateRecords", () => {
  it("accepts the contract's example and the demo records", () => {
    for (const path of ["schema/contract/records.example.json", "packages/cli/data/demo-records.json"]) {
      const json: unknown = JSON.parse(readFileSync(join(ROOT, path), "utf8"));
      expect(() => validateRecords(json, { today: TODAY })).not.toThrow();
    }
  });

  it("normalises tax ids, VINs, text and blank contacts", () => {
    const records = validateRecords(
      file({
        customers: [customer({ taxId: " 900 10-0001 ", firstName: "  Dana ", email: "", mobilePhone: null })],
        vehicleAccounts: [vehicle({ vin: "1hgcv1f34ma000101" })],
        depositAccounts: [{ accountNumber: "2100000001", product: "BANK", holders: [" C-1"] }],
      }),
      { today: TODAY },
    );
    expect(records.customers[0]).toEqual({
      id: "C-1",
      taxId: "900100001",
      firstName: "Dana",
      lastName: "Whitfield",
      dateOfBirth: "1984-03-09",
      email: null,
      mobilePhone: null,
    });
    expect(records.vehicleAccounts[0].vin).toBe("1HGCV1F34MA000101");
    expect(records.depositAccounts[0].holders).toEqual(["C-1"]);
  });

  it("treats a missing email or phone as not on file", () => {
    const { email: _email, mobilePhone: _phone, ...bare } = customer();
    const records = validateRecords(file({ customers: [bare] }), { today: TODAY });
    expect(records.customers[0]).toMatchObject({ email: null, mobilePhone: null });
  });

  it("refuses anything but an object with the three arrays", () => {
    expect(problemsOf([])).toEqual([expect.stringContaining("one JSON object")]);
    expect(problemsOf(null)).toHaveLength(1);
    expect(problemsOf({ customers: [], depositAccounts: [] })).toEqual(["vehicleAccounts: is missing (an array is required, it may be empty)"]);
    expect(problemsOf({ ...file(), users: [] })).toEqual(['file: unknown top-level key "users"']);
    expect(problemsOf({ ...file(), customers: {} })).toEqual(["customers: must be an array"]);
  });

  it("accepts empty arrays", () => {
    expect(validateRecords({ customers: [], depositAccounts: [], vehicleAccounts: [] })).toEqual({
      customers: [],
      depositAccounts: [],
      vehicleAccounts: [],
    });
  });

  describe("customers", () => {
    it.each([
      [{ id: "" }, "customers[0].id: must not be empty"],
      [{ id: 7 }, "customers[0].id: must be a string"],
      [{ taxId: "900-10-000" }, "customers[0] (C-1).taxId: must be 9 digits (dashes and spaces allowed)"],
      [{ taxId: "900-10-000A" }, "customers[0] (C-1).taxId: must be 9 digits (dashes and spaces allowed)"],
      [{ taxId: undefined }, "customers[0] (C-1).taxId: is required"],
      [{ firstName: "  " }, "customers[0] (C-1).firstName: must not be empty"],
      [{ lastName: null }, "customers[0] (C-1).lastName: is required"],
      [{ dateOfBirth: "1984-02-30" }, "customers[0] (C-1).dateOfBirth: must be a real date as YYYY-MM-DD, from 1900 to today"],
      [{ dateOfBirth: "03/09/1984" }, "customers[0] (C-1).dateOfBirth: must be a real date as YYYY-MM-DD, from 1900 to today"],
      [{ dateOfBirth: "2030-01-01" }, "customers[0] (C-1).dateOfBirth: must be a real date as YYYY-MM-DD, from 1900 to today"],
      [{ email: "dana.example.com" }, "customers[0] (C-1).email: must be an email address (name@domain) or omitted"],
      [{ email: "dana@example" }, "customers[0] (C-1).email: must be an email address (name@domain) or omitted"],
      [{ email: "da na@example.com" }, "customers[0] (C-1).email: must be an email address (name@domain) or omitted"],
      [{ mobilePhone: "313-555-0101" }, "customers[0] (C-1).mobilePhone: must be an E.164 number such as +13135550101, or omitted"],
      [{ mobilePhone: "+0313555010" }, "customers[0] (C-1).mobilePhone: must be an E.164 number such as +13135550101, or omitted"],
      [{ mobilePhone: 13135550101 }, "customers[0] (C-1).mobilePhone: must be a string or omitted"],
      [{ nickname: "D" }, 'customers[0] (C-1): unknown field "nickname"'],
    ])("refuses %p", (overrides, problem) => {
      expect(problemsOf(file({ customers: [customer(overrides)] }))).toEqual([problem]);
    });

    it("accepts a leap day", () => {
      expect(() => validateRecords(file({ customers: [customer({ dateOfBirth: "1984-02-29" })] }), { today: TODAY })).not.toThrow();
    });

    it("refuses duplicate ids and tax ids, naming the earlier record but not the tax id", () => {
      const problems = problemsOf(
        file({
          customers: [customer(), customer({ taxId: "900100001" }), customer({ id: "C-2", taxId: "900-10-0002" })],
        }),
      );
      expect(problems).toEqual(["customers[1] (C-1).id: duplicates customers[0] (C-1)", "customers[1] (C-1).taxId: is the same as the tax id of customers[0] (C-1)"]);
      expect(problems.join("\n")).not.toContain("900");
    });

    it("refuses a record that is not an object", () => {
      expect(problemsOf(file({ customers: [customer(), "C-2"] }))).toEqual(["customers[1]: must be an object"]);
    });
  });

  describe("deposit accounts", () => {
    const account = (overrides: Record<string, unknown> = {}) => ({ accountNumber: "2100000001", product: "BANK", holders: ["C-1"], ...overrides });

    it.each([
      [{ product: "SAVINGS" }, "depositAccounts[0] (2100000001).product: must be one of BANK, INVEST"],
      [{ holders: [] }, "depositAccounts[0] (2100000001).holders: must name at least one holder"],
      [{ holders: "C-1" }, "depositAccounts[0] (2100000001).holders: must be an array"],
      [{ holders: ["C-9"] }, 'depositAccounts[0] (2100000001).holders[0]: unknown customer "C-9"'],
      [{ holders: ["C-1", "C-1"] }, 'depositAccounts[0] (2100000001).holders[1]: names customer "C-1" twice'],
      [{ holders: [{ customerId: "C-1" }] }, "depositAccounts[0] (2100000001).holders[0]: must be a customer id"],
      [{ accountNumber: "" }, "depositAccounts[0].accountNumber: must not be empty"],
    ])("refuses %p", (overrides, problem) => {
      expect(problemsOf(file({ depositAccounts: [account(overrides)] }))).toEqual([problem]);
    });

    it("refuses an account number that enroll could not name, naming the record and field", () => {
      const rule = "must be 1 to 34 letters, digits, spaces, dashes, dots and slashes, beginning with a letter or digit";
      expect(problemsOf(file({ depositAccounts: [account({ accountNumber: "2100#0001" }), account({ accountNumber: "2".repeat(35) })] }))).toEqual([
        `depositAccounts[0] (2100#0001).accountNumber: ${rule}`,
        `depositAccounts[1] (${"2".repeat(35)}).accountNumber: ${rule}`,
      ]);
    });

    it("refuses a duplicate account number", () => {
      expect(problemsOf(file({ depositAccounts: [account(), account({ product: "INVEST" })] }))).toEqual([
        "depositAccounts[1] (2100000001).accountNumber: duplicates depositAccounts[0] (2100000001)",
      ]);
    });

    it("accepts a holder already in the database", () => {
      const json = file({ depositAccounts: [account({ holders: ["C-1", "C-OLD"] })] });
      expect(problemsOf(json)).toHaveLength(1);
      const records = validateRecords(json, { today: TODAY, knownCustomerIds: new Set(["C-OLD"]) });
      expect(records.depositAccounts[0].holders).toEqual(["C-1", "C-OLD"]);
    });
  });

  describe("vehicle accounts", () => {
    it.each([
      [{ vin: "1HGCV1F34MA00010" }, "vehicleAccounts[0] (AV-1).vin: must be 17 letters and digits, without I, O or Q"],
      [{ vin: "1HGCV1F34MA00010I" }, "vehicleAccounts[0] (AV-1).vin: must be 17 letters and digits, without I, O or Q"],
      [{ vin: "1HGCV1F34MA00O101" }, "vehicleAccounts[0] (AV-1).vin: must be 17 letters and digits, without I, O or Q"],
      [{ vin: "QHGCV1F34MA000101" }, "vehicleAccounts[0] (AV-1).vin: must be 17 letters and digits, without I, O or Q"],
      [{ year: 1899 }, "vehicleAccounts[0] (AV-1).year: must be a whole number from 1900 to 2100"],
      [{ year: 2020.5 }, "vehicleAccounts[0] (AV-1).year: must be a whole number from 1900 to 2100"],
      [{ year: "2020" }, "vehicleAccounts[0] (AV-1).year: must be a whole number from 1900 to 2100"],
      [{ make: "" }, "vehicleAccounts[0] (AV-1).make: must not be empty"],
      [{ model: undefined }, "vehicleAccounts[0] (AV-1).model: is required"],
      [{ creditor: " " }, "vehicleAccounts[0] (AV-1).creditor: must not be empty"],
      [{ contract: "LEASE" }, "vehicleAccounts[0] (AV-1).contract: must be one of RETAIL_INSTALLMENT, SMARTLEASE, BALLOON"],
      [{ status: "active" }, "vehicleAccounts[0] (AV-1).status: must be one of ACTIVE, PAID_IN_FULL, VEHICLE_RETURNED, CLOSED, CANCELED"],
      [{ holders: [] }, "vehicleAccounts[0] (AV-1).holders: must name at least one holder"],
      [{ holders: [{ customerId: "C-1", role: "JOINT" }] }, "vehicleAccounts[0] (AV-1).holders: must have exactly one PRIMARY holder (0 given), the others JOINT"],
      [{ holders: [{ customerId: "C-1", role: "OWNER" }] }, "vehicleAccounts[0] (AV-1).holders[0].role: must be PRIMARY or JOINT"],
      [{ holders: [{ customerId: "C-9", role: "PRIMARY" }] }, 'vehicleAccounts[0] (AV-1).holders[0].customerId: unknown customer "C-9"'],
      [{ holders: ["C-1"] }, "vehicleAccounts[0] (AV-1).holders[0]: must be an object with customerId and role"],
      [{ holders: [{ customerId: "C-1", role: "PRIMARY", since: 2020 }] }, 'vehicleAccounts[0] (AV-1).holders[0]: unknown field "since"'],
    ])("refuses %p", (overrides, problem) => {
      expect(problemsOf(file({ vehicleAccounts: [vehicle(overrides)] }))).toEqual([problem]);
    });

    it("accepts account numbers with spaces, dots and slashes, kept exactly as written once trimmed", () => {
      const numbers = ["BK 0030/01", "AV.0030.2", "av-0000000101", "9".repeat(34)];
      const json = file({ vehicleAccounts: numbers.map((accountNumber, index) => vehicle({ accountNumber: ` ${accountNumber} `, vin: `1HGCV1F34MA00010${index}` })) });
      expect(validateRecords(json, { today: TODAY }).vehicleAccounts.map((record) => record.accountNumber)).toEqual(numbers);
    });

    it.each([
      ["a #", "AV.0030#2", "vehicleAccounts[0] (AV.0030#2)"],
      ["40 characters", "A".repeat(40), `vehicleAccounts[0] (${"A".repeat(40)})`],
      ["a leading dash", "-0030", "vehicleAccounts[0] (-0030)"],
      ["an underscore", "AV_0030", "vehicleAccounts[0] (AV_0030)"],
      // The label shows invisible characters escaped.
      ["a right-to-left override", "AV-00\u202E30", "vehicleAccounts[0] (AV-00\\u{202E}30)"],
      ["a tab", "AV-00\t30", "vehicleAccounts[0] (AV-00\\u{9}30)"],
    ])("refuses an account number with %s, naming the record and field", (_what, accountNumber, label) => {
      expect(problemsOf(file({ vehicleAccounts: [vehicle({ accountNumber })] }))).toEqual([
        `${label}.accountNumber: must be 1 to 34 letters, digits, spaces, dashes, dots and slashes, beginning with a letter or digit`,
      ]);
    });

    it("refuses two primaries and a holder named twice", () => {
      const two = file({
        customers: [customer(), customer({ id: "C-2", taxId: "900100002" })],
        vehicleAccounts: [
          vehicle({
            holders: [
              { customerId: "C-1", role: "PRIMARY" },
              { customerId: "C-2", role: "PRIMARY" },
            ],
          }),
          vehicle({
            accountNumber: "AV-2",
            vin: "1HGCV1F34MA000102",
            holders: [
              { customerId: "C-1", role: "PRIMARY" },
              { customerId: "C-1", role: "JOINT" },
            ],
          }),
        ],
      });
      expect(problemsOf(two)).toEqual([
        "vehicleAccounts[0] (AV-1).holders: must have exactly one PRIMARY holder (2 given), the others JOINT",
        'vehicleAccounts[1] (AV-2).holders[1].customerId: names customer "C-1" twice',
      ]);
    });

    it("refuses duplicate account numbers and VINs (whatever their case)", () => {
      const json = file({
        vehicleAccounts: [vehicle(), vehicle({ vin: "1HGCV1F34MA000102" }), vehicle({ accountNumber: "AV-3", vin: "1hgcv1f34ma000101" })],
      });
      expect(problemsOf(json)).toEqual([
        "vehicleAccounts[1] (AV-1).accountNumber: duplicates vehicleAccounts[0] (AV-1)",
        "vehicleAccounts[2] (AV-3).vin: duplicates the vin of vehicleAccounts[0] (AV-1)",
      ]);
    });

    it("accepts a joint holder already in the database", () => {
      const json = file({
        vehicleAccounts: [
          vehicle({
            holders: [
              { customerId: "C-1", role: "PRIMARY" },
              { customerId: "C-OLD", role: "JOINT" },
            ],
          }),
        ],
      });
      const records = validateRecords(json, { today: TODAY, knownCustomerIds: new Set(["C-OLD"]) });
      expect(records.vehicleAccounts[0].holders).toHaveLength(2);
    });
  });

  it("collects every problem and lists the first ones in its message", () => {
    const customers = Array.from({ length: 25 }, (_, index) => customer({ id: `C-${index}`, taxId: "12345" }));
    let error: unknown;
    try {
      validateRecords({ customers, depositAccounts: [], vehicleAccounts: [] }, { today: TODAY });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RecordsValidationError);
    const refused = error as RecordsValidationError;
    expect(refused.problems).toHaveLength(25);
    const lines = refused.message.split("\n");
    expect(lines[0]).toBe("The records file is invalid (25 problems); nothing was imported:");
    expect(lines).toHaveLength(1 + MAX_LISTED_PROBLEMS + 1);
    expect(lines.at(-1)).toBe("  ... and 5 more");
  });
});

describe("referencedCustomerIds", () => {
  it("lists every holder id once, ignoring malformed parts", () => {
    expect(
      referencedCustomerIds({
        depositAccounts: [{ holders: ["C-1", " C-2 ", 3] }, "junk"],
        vehicleAccounts: [{ holders: [{ customerId: "C-2" }, { customerId: "C-3" }, null] }, { holders: "C-4" }],
      }).sort(),
    ).toEqual(["C-1", "C-2", "C-3"]);
    expect(referencedCustomerIds("junk")).toEqual([]);
  });
});
