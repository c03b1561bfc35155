import { readFileSync } from "node:fs";
import { DEFAULT_AUTHORIZED_CREDITORS, type RecordsFile } from "@oa/platform";
import { checkPassword } from "../../../subgraphs/identity/src/modules/credentials/password-policy";
import { DEMO_LOGIN } from "./demo-login";
import { DEMO_RECORDS_FILE } from "./demo-records";
import { validateRecords } from "./records/validate-records";

// The demo data must keep covering every case its README promises.
describe("demo records", () => {
  const records: RecordsFile = validateRecords(JSON.parse(readFileSync(DEMO_RECORDS_FILE, "utf8")));
  const authorized = DEFAULT_AUTHORIZED_CREDITORS.split(";").map((name) => name.toLowerCase());
  const isAuthorized = (creditor: string) => authorized.includes(creditor.toLowerCase());
  const vehiclesOf = (customerId: string) => records.vehicleAccounts.filter((account) => account.holders.some((holder) => holder.customerId === customerId));
  const depositsOf = (customerId: string) => records.depositAccounts.filter((account) => account.holders.includes(customerId));

  it("has an ACTIVE eligible account with each authorized creditor", () => {
    for (const creditor of authorized) {
      expect(records.vehicleAccounts.some((a) => a.creditor.toLowerCase() === creditor && a.status === "ACTIVE")).toBe(true);
    }
  });

  it("has each ineligible case, and a returned vehicle that is still eligible", () => {
    const has = (test: (a: RecordsFile["vehicleAccounts"][number]) => boolean) => records.vehicleAccounts.some(test);
    expect(has((a) => a.status === "PAID_IN_FULL" && isAuthorized(a.creditor))).toBe(true);
    expect(has((a) => a.status === "VEHICLE_RETURNED" && a.contract === "SMARTLEASE" && isAuthorized(a.creditor))).toBe(true);
    expect(has((a) => a.status === "CLOSED" && isAuthorized(a.creditor))).toBe(true);
    expect(has((a) => a.status === "CANCELED" && isAuthorized(a.creditor))).toBe(true);
    expect(has((a) => a.status === "ACTIVE" && !isAuthorized(a.creditor))).toBe(true);
    expect(has((a) => a.status === "VEHICLE_RETURNED" && a.contract === "RETAIL_INSTALLMENT" && isAuthorized(a.creditor))).toBe(true);
  });

  it("has joint holders of a Bank and of an Auto account", () => {
    expect(records.depositAccounts.some((a) => a.product === "BANK" && a.holders.length > 1)).toBe(true);
    expect(records.vehicleAccounts.some((a) => a.holders.some((holder) => holder.role === "JOINT"))).toBe(true);
  });

  it("has a customer with only a Bank account, one with only an Invest account, one with several vehicles", () => {
    const only = (product: string) =>
      records.customers.some((c) => vehiclesOf(c.id).length === 0 && depositsOf(c.id).length > 0 && depositsOf(c.id).every((a) => a.product === product));
    expect(only("BANK")).toBe(true);
    expect(only("INVEST")).toBe(true);
    expect(records.customers.some((c) => vehiclesOf(c.id).length >= 3)).toBe(true);
  });

  it("has a customer without a mobile phone who can still enroll with an eligible account", () => {
    const withoutPhone = records.customers.filter((c) => c.mobilePhone === null && c.email !== null);
    expect(withoutPhone.some((c) => vehiclesOf(c.id).some((a) => a.status === "ACTIVE" && isAuthorized(a.creditor)))).toBe(true);
  });

  it("enrolls the ready login with an eligible account its person holds, and a password the rules accept", () => {
    const taxId = DEMO_LOGIN.enrollWith.taxId.replace(/\D/g, "");
    const person = records.customers.find((c) => c.taxId === taxId);
    expect(person).toBeDefined();
    const account = records.vehicleAccounts.find((a) => a.vin === DEMO_LOGIN.enrollWith.vin);
    expect(account?.holders.map((holder) => holder.customerId)).toContain(person?.id);
    expect(account?.status === "ACTIVE" && isAuthorized(account.creditor)).toBe(true);
    expect(
      checkPassword(DEMO_LOGIN.password, {
        username: DEMO_LOGIN.username,
        firstName: person!.firstName,
        lastName: person!.lastName,
        dateOfBirth: person!.dateOfBirth,
        taxIdDigits: person!.taxId,
      }),
    ).toBeNull();
  });

  it("is documented: every customer, account and VIN appears in data/README.md", () => {
    const readme = readFileSync(DEMO_RECORDS_FILE.replace(/demo-records\.json$/, "README.md"), "utf8");
    const mentioned = [
      ...records.customers.flatMap((c) => [c.id, `${c.taxId.slice(0, 3)}-${c.taxId.slice(3, 5)}-${c.taxId.slice(5)}`]),
      ...records.depositAccounts.map((a) => a.accountNumber),
      ...records.vehicleAccounts.flatMap((a) => [a.accountNumber, a.vin]),
      DEMO_LOGIN.username,
      DEMO_LOGIN.password,
    ];
    expect(mentioned.filter((text) => !readme.includes(text))).toEqual([]);
  });
});
