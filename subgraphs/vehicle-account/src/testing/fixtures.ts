// Test data for vehicle-account's tests (not part of the build).
import type { ForwardedSession, VehicleAccountRecord } from "@oa/platform";
import { randomBytes, randomUUID } from "node:crypto";

let serial = 0;
// Each test file gets its own range, so files sharing nothing still never collide.
const run = randomBytes(2).readUInt16BE() % 10_000;

/** A vehicle account record with a unique account number and VIN; eligible unless overridden. */
export function vehicleRecord(overrides: Partial<VehicleAccountRecord> = {}): VehicleAccountRecord {
  serial += 1;
  const digits = `${String(run).padStart(4, "0")}${String(serial).padStart(6, "0")}`;
  return {
    accountNumber: `AV-${digits}`,
    vin: `1HGCV1F${digits}`,
    year: 2021,
    make: "Honda",
    model: "Accord",
    creditor: "Ally Financial",
    contract: "RETAIL_INSTALLMENT",
    status: "ACTIVE",
    holders: [{ customerId: "C-000000", role: "PRIMARY" }],
    ...overrides,
  };
}

/** A customer id of its own. */
export function customerId(): string {
  return `C-${randomBytes(5).toString("hex")}`;
}

/** The session the gateway would forward for a signed-in user. */
export function sessionFor(userId: string, customer: string): ForwardedSession {
  return {
    id: randomBytes(32).toString("hex"),
    userId,
    customerId: customer,
    deviceId: null,
    expiresAt: new Date(Date.now() + 900_000).toISOString(),
  };
}

export { randomUUID as userId };

export const VEHICLE_ACCOUNT_FIELDS = `
  id
  accountNumberLast4
  vehicle { year make model vinLast6 }
  creditor
  contract
  status
  holderRole
  snapshotEligibility { eligible reason }
`;

/** The Snapshot of users, as the gateway asks vehicle-account for it after identity's `me`. */
export const SNAPSHOT_ENTITIES = `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on User { id vehicleAccounts { ${VEHICLE_ACCOUNT_FIELDS} } }
    }
  }
`;

export interface VehicleAccountResult {
  id: string;
  accountNumberLast4: string;
  vehicle: { year: number; make: string; model: string; vinLast6: string };
  creditor: string;
  contract: string;
  status: string;
  holderRole: string;
  snapshotEligibility: { eligible: boolean; reason: string | null };
}
