// The records file format (contract: records.example.json), after validation and normalisation.
// The validator lives with the import command; each subgraph writes the part it owns.

export type DepositProduct = "BANK" | "INVEST";
export type ContractType = "RETAIL_INSTALLMENT" | "SMARTLEASE" | "BALLOON";
export type AccountStatus = "ACTIVE" | "PAID_IN_FULL" | "VEHICLE_RETURNED" | "CLOSED" | "CANCELED";
export type HolderRole = "PRIMARY" | "JOINT";

export interface CustomerRecord {
  id: string;
  /** Exactly 9 digits (dashes and spaces removed). */
  taxId: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  email: string | null;
  /** E.164. */
  mobilePhone: string | null;
}

export interface DepositAccountRecord {
  accountNumber: string;
  product: DepositProduct;
  /** Customer ids, at least one. */
  holders: string[];
}

export interface VehicleAccountRecord {
  accountNumber: string;
  /** 17 characters, upper case, no I, O or Q. */
  vin: string;
  year: number;
  make: string;
  model: string;
  creditor: string;
  contract: ContractType;
  status: AccountStatus;
  /** Exactly one PRIMARY. */
  holders: { customerId: string; role: HolderRole }[];
}

export interface RecordsFile {
  customers: CustomerRecord[];
  depositAccounts: DepositAccountRecord[];
  vehicleAccounts: VehicleAccountRecord[];
}
