import type {
  AccountStatus,
  ContractType,
  CustomerRecord,
  DepositAccountRecord,
  DepositProduct,
  HolderRole,
  RecordsFile,
  VehicleAccountRecord,
} from "@oa/platform";
import { ACCOUNT_NUMBER_RULE, normaliseAccountNumber, normaliseTaxId, normaliseVin, TAX_ID_RULE, VIN_RULE } from "@oa/platform";

/** How many problems a refusal lists before it only counts the rest. */
export const MAX_LISTED_PROBLEMS = 20;

const DEPOSIT_PRODUCTS: readonly DepositProduct[] = ["BANK", "INVEST"];
const CONTRACT_TYPES: readonly ContractType[] = ["RETAIL_INSTALLMENT", "SMARTLEASE", "BALLOON"];
const ACCOUNT_STATUSES: readonly AccountStatus[] = ["ACTIVE", "PAID_IN_FULL", "VEHICLE_RETURNED", "CLOSED", "CANCELED"];
const HOLDER_ROLES: readonly HolderRole[] = ["PRIMARY", "JOINT"];

const TOP_LEVEL_KEYS = ["customers", "depositAccounts", "vehicleAccounts"] as const;
const CUSTOMER_KEYS = ["id", "taxId", "firstName", "lastName", "dateOfBirth", "email", "mobilePhone"];
const DEPOSIT_KEYS = ["accountNumber", "product", "holders"];
const VEHICLE_KEYS = ["accountNumber", "vin", "year", "make", "model", "creditor", "contract", "status", "holders"];
const HOLDER_KEYS = ["customerId", "role"];

const MAX_TEXT = 200;
const E164 = /^\+[1-9]\d{7,14}$/;
// Deliberately simple: one @, no spaces, a dot in the domain. Delivery is the real test.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A records file refused as a whole; `problems` name the record and field of each. */
export class RecordsValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(describeProblems(problems));
    this.name = "RecordsValidationError";
  }
}

function describeProblems(problems: string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `  - ${problem}`);
  const more = problems.length - listed.length;
  const heading = `The records file is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was imported:`;
  return [heading, ...listed, ...(more > 0 ? [`  ... and ${more} more`] : [])].join("\n");
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Collects problems, each prefixed with the record it belongs to. */
class Problems {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}

/** Reads the fields of one record, reporting each bad one against `where`. */
class RecordReader {
  constructor(
    private readonly record: Json,
    private readonly where: string,
    private readonly problems: Problems,
  ) {}

  private at(field: string): string {
    return `${this.where}.${field}`;
  }

  /** Reports a bad field; returns undefined so a reader can `return this.fail(...)`. */
  fail(field: string, message: string): undefined {
    this.problems.add(this.at(field), message);
    return undefined;
  }

  unknownFields(allowed: readonly string[]): void {
    for (const field of Object.keys(this.record)) {
      if (!allowed.includes(field)) this.problems.add(this.where, `unknown field "${field}"`);
    }
  }

  /** A required, non-empty string (trimmed), or undefined after reporting why not. */
  text(field: string): string | undefined {
    const value = this.record[field];
    if (value === undefined || value === null) return this.fail(field, "is required");
    if (typeof value !== "string") return this.fail(field, "must be a string");
    const trimmed = value.trim();
    if (trimmed === "") return this.fail(field, "must not be empty");
    if (trimmed.length > MAX_TEXT) return this.fail(field, `must be at most ${MAX_TEXT} characters`);
    return trimmed;
  }

  /** An optional string: absent, null or blank all mean "not on file". */
  optionalText(field: string): string | null | undefined {
    const value = this.record[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") return this.fail(field, "must be a string or omitted");
    const trimmed = value.trim();
    return trimmed === "" ? null : trimmed;
  }

  /** An account number of platform's rule (the one enroll and addVehicle apply), trimmed. */
  accountNumber(field: string): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    return normaliseAccountNumber(value) ?? this.fail(field, `must be ${ACCOUNT_NUMBER_RULE}`);
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) return this.fail(field, `must be one of ${allowed.join(", ")}`);
    return value as T;
  }

  integer(field: string, min: number, max: number): number | undefined {
    const value = this.record[field];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      return this.fail(field, `must be a whole number from ${min} to ${max}`);
    }
    return value;
  }

  /** A non-empty array of holders. */
  holderList(field: string): unknown[] | undefined {
    const value = this.record[field];
    if (!Array.isArray(value)) return this.fail(field, "must be an array");
    if (value.length === 0) return this.fail(field, "must name at least one holder");
    return value;
  }
}

function isRealDate(value: string, today: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 && value <= today;
}

/** `vehicleAccounts[3] (AV-0000000104)`: the index always, the record's key when it has one. */
export function recordLabel(collection: string, index: number, record: unknown, key: string): string {
  const value = isObject(record) ? record[key] : undefined;
  return typeof value === "string" && value.trim() !== "" ? `${collection}[${index}] (${printable(value.trim())})` : `${collection}[${index}]`;
}

/** Control and invisible format characters written as \u{...}, so a label cannot disturb the terminal. */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/** Remembers the first record that used each value of a unique field. */
class UniqueIndex {
  private readonly seen = new Map<string, string>();
  /** The label of the earlier record with this value, or undefined (and remembers this one). */
  claim(value: string, owner: string): string | undefined {
    const earlier = this.seen.get(value);
    if (earlier === undefined) this.seen.set(value, owner);
    return earlier;
  }
}

export interface ValidateOptions {
  /** Customer ids already in the database: holders may name them as well as the file's own. */
  knownCustomerIds?: ReadonlySet<string>;
  /** Today as YYYY-MM-DD (birth dates may not be later); defaults to the current UTC date. */
  today?: string;
}

/**
 * Checks a parsed records file (contract README, "Records file") and returns it normalised: tax
 * ids as 9 digits, VINs upper case, text trimmed, blank contacts as null. Every problem is
 * collected; any problem refuses the whole file with a RecordsValidationError.
 */
export function validateRecords(json: unknown, options: ValidateOptions = {}): RecordsFile {
  const problems = new Problems();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const known = options.knownCustomerIds ?? new Set<string>();

  if (!isObject(json)) throw new RecordsValidationError(["the file must hold one JSON object with customers, depositAccounts and vehicleAccounts"]);
  for (const key of Object.keys(json)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) problems.add("file", `unknown top-level key "${key}"`);
  }
  const arrays: Record<string, unknown[]> = {};
  for (const key of TOP_LEVEL_KEYS) {
    const value = json[key];
    if (!Array.isArray(value)) problems.add(key, value === undefined ? "is missing (an array is required, it may be empty)" : "must be an array");
    arrays[key] = Array.isArray(value) ? value : [];
  }

  const customers = validateCustomers(arrays.customers, problems, today);
  const customerIds = new Set([...known, ...customers.ids]);
  const depositAccounts = validateDepositAccounts(arrays.depositAccounts, problems, customerIds);
  const vehicleAccounts = validateVehicleAccounts(arrays.vehicleAccounts, problems, customerIds);

  if (problems.list.length > 0) throw new RecordsValidationError(problems.list);
  return { customers: customers.records, depositAccounts, vehicleAccounts };
}

function validateCustomers(items: unknown[], problems: Problems, today: string) {
  const records: CustomerRecord[] = [];
  // Every id the file declares, even on an otherwise bad record, so holders are not misreported.
  const ids = new Set<string>();
  const byId = new UniqueIndex();
  const byTaxId = new UniqueIndex();

  items.forEach((item, index) => {
    const where = recordLabel("customers", index, item, "id");
    if (!isObject(item)) {
      problems.add(where, "must be an object");
      return;
    }
    const read = new RecordReader(item, where, problems);
    read.unknownFields(CUSTOMER_KEYS);

    const id = read.text("id");
    if (id !== undefined) {
      ids.add(id);
      const earlier = byId.claim(id, where);
      if (earlier) read.fail("id", `duplicates ${earlier}`);
    }

    const rawTaxId = read.text("taxId");
    let taxId: string | undefined;
    if (rawTaxId !== undefined) {
      // Platform's rule, the one enroll applies. The message never repeats the tax id itself.
      taxId = normaliseTaxId(rawTaxId) ?? undefined;
      if (taxId === undefined) read.fail("taxId", `must be ${TAX_ID_RULE}`);
      else {
        const earlier = byTaxId.claim(taxId, where);
        if (earlier) {
          read.fail("taxId", `is the same as the tax id of ${earlier}`);
          taxId = undefined;
        }
      }
    }

    const firstName = read.text("firstName");
    const lastName = read.text("lastName");

    const dateOfBirth = read.text("dateOfBirth");
    const birthDateOk = dateOfBirth !== undefined && isRealDate(dateOfBirth, today);
    if (dateOfBirth !== undefined && !birthDateOk) read.fail("dateOfBirth", "must be a real date as YYYY-MM-DD, from 1900 to today");

    const email = read.optionalText("email");
    const emailOk = email === null || (email !== undefined && email.length <= 254 && EMAIL.test(email));
    if (email !== undefined && !emailOk) read.fail("email", "must be an email address (name@domain) or omitted");

    const mobilePhone = read.optionalText("mobilePhone");
    const phoneOk = mobilePhone === null || (mobilePhone !== undefined && E164.test(mobilePhone));
    if (mobilePhone !== undefined && !phoneOk) read.fail("mobilePhone", "must be an E.164 number such as +13135550101, or omitted");

    if (id && taxId && firstName && lastName && dateOfBirth && birthDateOk && email !== undefined && emailOk && mobilePhone !== undefined && phoneOk) {
      records.push({ id, taxId, firstName, lastName, dateOfBirth, email, mobilePhone });
    }
  });
  return { records, ids };
}

function validateDepositAccounts(items: unknown[], problems: Problems, customerIds: ReadonlySet<string>): DepositAccountRecord[] {
  const records: DepositAccountRecord[] = [];
  const byNumber = new UniqueIndex();

  items.forEach((item, index) => {
    const where = recordLabel("depositAccounts", index, item, "accountNumber");
    if (!isObject(item)) {
      problems.add(where, "must be an object");
      return;
    }
    const read = new RecordReader(item, where, problems);
    read.unknownFields(DEPOSIT_KEYS);

    const accountNumber = read.accountNumber("accountNumber");
    const duplicate = accountNumber !== undefined ? byNumber.claim(accountNumber, where) : undefined;
    if (duplicate) read.fail("accountNumber", `duplicates ${duplicate}`);
    const product = read.oneOf("product", DEPOSIT_PRODUCTS);

    const holders = readDepositHolders(read, customerIds);

    if (accountNumber && !duplicate && product && holders) records.push({ accountNumber, product, holders });
  });
  return records;
}

function validateVehicleAccounts(items: unknown[], problems: Problems, customerIds: ReadonlySet<string>): VehicleAccountRecord[] {
  const records: VehicleAccountRecord[] = [];
  const byNumber = new UniqueIndex();
  const byVin = new UniqueIndex();

  items.forEach((item, index) => {
    const where = recordLabel("vehicleAccounts", index, item, "accountNumber");
    if (!isObject(item)) {
      problems.add(where, "must be an object");
      return;
    }
    const read = new RecordReader(item, where, problems);
    read.unknownFields(VEHICLE_KEYS);

    const accountNumber = read.accountNumber("accountNumber");
    const duplicateNumber = accountNumber !== undefined ? byNumber.claim(accountNumber, where) : undefined;
    if (duplicateNumber) read.fail("accountNumber", `duplicates ${duplicateNumber}`);

    const rawVin = read.text("vin");
    let vin: string | undefined;
    if (rawVin !== undefined) {
      // Platform's rule, the one enroll and addVehicle apply.
      const normalised = normaliseVin(rawVin);
      if (normalised === null) read.fail("vin", `must be ${VIN_RULE}`);
      else {
        const earlier = byVin.claim(normalised, where);
        if (earlier) read.fail("vin", `duplicates the vin of ${earlier}`);
        else vin = normalised;
      }
    }

    const year = read.integer("year", 1900, 2100);
    const make = read.text("make");
    const model = read.text("model");
    const creditor = read.text("creditor");
    const contract = read.oneOf("contract", CONTRACT_TYPES);
    const status = read.oneOf("status", ACCOUNT_STATUSES);
    const holders = readVehicleHolders(read, customerIds);

    if (accountNumber && !duplicateNumber && vin && year !== undefined && make && model && creditor && contract && status && holders) {
      records.push({ accountNumber, vin, year, make, model, creditor, contract, status, holders });
    }
  });
  return records;
}

function readDepositHolders(read: RecordReader, customerIds: ReadonlySet<string>): string[] | undefined {
  const items = read.holderList("holders");
  if (!items) return undefined;
  const holders: string[] = [];
  let ok = true;
  items.forEach((holder, position) => {
    const field = `holders[${position}]`;
    const customerId = typeof holder === "string" ? holder.trim() : "";
    const problem =
      customerId === "" ? "must be a customer id"
      : !customerIds.has(customerId) ? `unknown customer "${customerId}"`
      : holders.includes(customerId) ? `names customer "${customerId}" twice`
      : undefined;
    if (problem) {
      read.fail(field, problem);
      ok = false;
    } else holders.push(customerId);
  });
  return ok ? holders : undefined;
}

function readVehicleHolders(read: RecordReader, customerIds: ReadonlySet<string>): VehicleAccountRecord["holders"] | undefined {
  const items = read.holderList("holders");
  if (!items) return undefined;
  const holders: VehicleAccountRecord["holders"] = [];
  let ok = true;
  const fail = (field: string, message: string) => {
    read.fail(field, message);
    ok = false;
  };
  items.forEach((holder, position) => {
    const field = `holders[${position}]`;
    if (!isObject(holder)) return fail(field, "must be an object with customerId and role");
    for (const key of Object.keys(holder)) {
      if (!HOLDER_KEYS.includes(key)) fail(field, `unknown field "${key}"`);
    }
    const customerId = typeof holder.customerId === "string" ? holder.customerId.trim() : "";
    if (customerId === "") fail(`${field}.customerId`, "must be a customer id");
    else if (!customerIds.has(customerId)) fail(`${field}.customerId`, `unknown customer "${customerId}"`);
    else if (holders.some((earlier) => earlier.customerId === customerId)) fail(`${field}.customerId`, `names customer "${customerId}" twice`);
    const role = holder.role;
    if (typeof role !== "string" || !HOLDER_ROLES.includes(role as HolderRole)) fail(`${field}.role`, "must be PRIMARY or JOINT");
    else holders.push({ customerId, role: role as HolderRole });
  });
  const primaries = holders.filter((holder) => holder.role === "PRIMARY").length;
  if (ok && primaries !== 1) fail("holders", `must have exactly one PRIMARY holder (${primaries} given), the others JOINT`);
  return ok ? holders : undefined;
}

/**
 * The customer ids that the file's holders name, read leniently before validation, so the
 * import can look up which of them are already in the database.
 */
export function referencedCustomerIds(json: unknown): string[] {
  const ids = new Set<string>();
  if (!isObject(json)) return [];
  for (const account of Array.isArray(json.depositAccounts) ? json.depositAccounts : []) {
    if (!isObject(account) || !Array.isArray(account.holders)) continue;
    for (const holder of account.holders) if (typeof holder === "string") ids.add(holder.trim());
  }
  for (const account of Array.isArray(json.vehicleAccounts) ? json.vehicleAccounts : []) {
    if (!isObject(account) || !Array.isArray(account.holders)) continue;
    for (const holder of account.holders) {
      if (isObject(holder) && typeof holder.customerId === "string") ids.add(holder.customerId.trim());
    }
  }
  ids.delete("");
  return [...ids];
}
