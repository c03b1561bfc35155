import { DEFAULT_AUTHORIZED_CREDITORS } from "@oa/platform";
import type { AccountStatus, ContractType } from "../vehicle-account/vehicle-account.enums";
import { authorizedCreditorSet, EligibilityPolicy, type IneligibilityReason, snapshotEligibility } from "./eligibility";

const authorized = authorizedCreditorSet(DEFAULT_AUTHORIZED_CREDITORS.split(";"));

// The whole matrix, written out: the reason for an account of an authorized creditor (null = eligible).
const MATRIX: [AccountStatus, ContractType, IneligibilityReason | null][] = [
  ["ACTIVE", "RETAIL_INSTALLMENT", null],
  ["ACTIVE", "SMARTLEASE", null],
  ["ACTIVE", "BALLOON", null],
  ["PAID_IN_FULL", "RETAIL_INSTALLMENT", "PAID_IN_FULL"],
  ["PAID_IN_FULL", "SMARTLEASE", "PAID_IN_FULL"],
  ["PAID_IN_FULL", "BALLOON", "PAID_IN_FULL"],
  ["VEHICLE_RETURNED", "RETAIL_INSTALLMENT", null],
  ["VEHICLE_RETURNED", "SMARTLEASE", "LEASE_VEHICLE_RETURNED"],
  ["VEHICLE_RETURNED", "BALLOON", null],
  ["CLOSED", "RETAIL_INSTALLMENT", "ACCOUNT_CLOSED"],
  ["CLOSED", "SMARTLEASE", "ACCOUNT_CLOSED"],
  ["CLOSED", "BALLOON", "ACCOUNT_CLOSED"],
  ["CANCELED", "RETAIL_INSTALLMENT", "ACCOUNT_CANCELED"],
  ["CANCELED", "SMARTLEASE", "ACCOUNT_CANCELED"],
  ["CANCELED", "BALLOON", "ACCOUNT_CANCELED"],
];

describe("snapshotEligibility", () => {
  it("covers every status and contract", () => {
    expect(MATRIX).toHaveLength(5 * 3);
    expect(new Set(MATRIX.map(([status, contract]) => `${status}/${contract}`)).size).toBe(15);
  });

  describe.each(MATRIX)("%s on %s", (status, contract, reason) => {
    it(`through an authorized creditor: ${reason ?? "eligible"}`, () => {
      expect(snapshotEligibility({ status, contract, creditor: "Nuvell Credit Company" }, authorized)).toEqual({
        eligible: reason === null,
        reason,
      });
    });

    it(`through another creditor: ${reason ?? "CREDITOR_NOT_AUTHORIZED"}`, () => {
      expect(snapshotEligibility({ status, contract, creditor: "Riverside Motor Credit" }, authorized)).toEqual({
        eligible: false,
        reason: reason ?? "CREDITOR_NOT_AUTHORIZED",
      });
    });
  });

  it.each(["ally financial", "ALLY FINANCIAL", "  Ally Financial  ", "aMeRiCaN sUzUkI fInAnCiAl SeRvIcEs"])(
    "matches the creditor %j without regard to case or surrounding spaces",
    (creditor) => {
      expect(snapshotEligibility({ status: "ACTIVE", contract: "RETAIL_INSTALLMENT", creditor }, authorized).eligible).toBe(true);
    },
  );

  it("does not match a creditor by a part of its name", () => {
    for (const creditor of ["Ally", "Ally Financial Services", "Nuvell", ""]) {
      expect(snapshotEligibility({ status: "ACTIVE", contract: "BALLOON", creditor }, authorized).reason).toBe("CREDITOR_NOT_AUTHORIZED");
    }
  });

  it("takes the configured list as given: trimmed, any case, empty names ignored", () => {
    const policy = new EligibilityPolicy(["  RIVERSIDE motor credit ", "", "   "]);
    expect(policy.evaluate({ status: "ACTIVE", contract: "SMARTLEASE", creditor: "Riverside Motor Credit" })).toEqual({ eligible: true, reason: null });
    expect(policy.evaluate({ status: "ACTIVE", contract: "SMARTLEASE", creditor: "Ally Financial" }).reason).toBe("CREDITOR_NOT_AUTHORIZED");
    expect(policy.evaluate({ status: "ACTIVE", contract: "SMARTLEASE", creditor: " " }).reason).toBe("CREDITOR_NOT_AUTHORIZED");
  });
});
