import type { AccountStatus, ContractType, HolderRole } from "./vehicle-account.enums";
import type { VehicleAccount } from "./vehicle-account.type";

/** An account row joined with one holder's role, as the raw look-ups return it. */
export interface HeldVehicleAccountRow {
  id: string;
  account_number: string;
  vin: string;
  year: number;
  make: string;
  model: string;
  creditor: string;
  contract: ContractType;
  status: AccountStatus;
  role: HolderRole;
}

/** The columns of `HeldVehicleAccountRow`, for a query that aliases accounts `a` and holders `h`. */
export const HELD_ACCOUNT_COLUMNS = "a.id, a.account_number, a.vin, a.year, a.make, a.model, a.creditor, a.contract, a.status, h.role";

/** The one place a row becomes what clients see: the full account number and VIN stay here. */
export function toVehicleAccount(row: HeldVehicleAccountRow): VehicleAccount {
  return {
    id: row.id,
    accountNumberLast4: row.account_number.slice(-4),
    vehicle: { year: row.year, make: row.make, model: row.model, vinLast6: row.vin.slice(-6) },
    creditor: row.creditor,
    contract: row.contract,
    status: row.status,
    holderRole: row.role,
  };
}
