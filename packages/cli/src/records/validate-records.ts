import type { CustomerRecord, DepositAccountRecord, RecordsFile, VehicleAccountRecord } from "@oa/platform";
import { z } from "zod";
import { customerSchema, depositAccountSchema, type RecordContext, recordsFileSchema, vehicleAccountSchema } from "./record-schemas";

/** How many problems a refusal lists before it only counts the rest. */
export const MAX_LISTED_PROBLEMS = 20;

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

/** `vehicleAccounts[3] (AV-0000000104)`: the index always, the record's key when it has one. */
export function recordLabel(collection: string, index: number, record: unknown, key: string): string {
  const value = isObject(record) ? record[key] : undefined;
  return typeof value === "string" && value.trim() !== "" ? `${collection}[${index}] (${printable(value.trim())})` : `${collection}[${index}]`;
}

/** Control and invisible format characters written as \u{...}, so a label cannot disturb the terminal. */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/** One problem of one record: where in it (empty for the record itself), and what. */
interface Finding {
  path: PropertyKey[];
  message: string;
}

/** A schema's issues as findings: each unknown field on its own. */
function findingsOf(error: z.ZodError | undefined): Finding[] {
  return (error?.issues ?? []).flatMap((issue) =>
    issue.code === "unrecognized_keys" ? issue.keys.map((key) => ({ path: issue.path, message: `unknown field "${key}"` })) : [{ path: issue.path, message: issue.message }],
  );
}

/** `holders[0].customerId` from ["holders", 0, "customerId"]. */
function fieldName(path: PropertyKey[]): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`)).join("");
}

/**
 * A record's problems as lines, in the order of its fields (the record's own first), each named
 * `<label>.<field>: <message>`, the same line once.
 */
function problemLines(label: string, fields: readonly string[], findings: Finding[]): string[] {
  const rank = (finding: Finding) => (finding.path.length === 0 ? -1 : fields.indexOf(String(finding.path[0])));
  // Within a field, what is said of a part (holders[0]) before what is said of its fields.
  const within = (a: Finding, b: Finding) => {
    const [shorter, longer] = a.path.length <= b.path.length ? [a.path, b.path] : [b.path, a.path];
    return shorter.every((part, index) => part === longer[index]) ? a.path.length - b.path.length : 0;
  };
  const lines = [...findings]
    .sort((a, b) => rank(a) - rank(b) || within(a, b))
    .map((finding) => (finding.path.length === 0 ? `${label}: ${finding.message}` : `${label}.${fieldName(finding.path)}: ${finding.message}`));
  return [...new Set(lines)];
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

/** A unique field of a record: its value as the schema reads it (if it reads), the index, and how a repeat is described. */
interface UniqueField {
  field: string;
  index: UniqueIndex;
  repeat: (earlier: string) => string;
}

/**
 * Checks one collection record by record: each against its schema, then its unique fields against
 * the records before it. Answers the records that passed (all of them, or the file is refused).
 */
function validateCollection<T>(collection: string, items: unknown[], key: string, schema: z.ZodObject<z.ZodRawShape>, unique: UniqueField[], problems: string[]): T[] {
  const fields = Object.keys(schema.shape);
  const records: T[] = [];
  items.forEach((item, position) => {
    const label = recordLabel(collection, position, item, key);
    const result = schema.safeParse(item);
    const findings = findingsOf(result.error);
    for (const { field, index, repeat } of unique) {
      const value = isObject(item) ? z.safeParse(schema.shape[field], item[field]) : undefined;
      const earlier = value?.success ? index.claim(String(value.data), label) : undefined;
      if (earlier) findings.push({ path: [field], message: repeat(earlier) });
    }
    problems.push(...problemLines(label, fields, findings));
    if (result.success && findings.length === 0) records.push(result.data as T);
  });
  return records;
}

export interface ValidateOptions {
  /** Customer ids already in the database: holders may name them as well as the file's own. */
  knownCustomerIds?: ReadonlySet<string>;
  /** Today as YYYY-MM-DD (birth dates may not be later); defaults to the current UTC date. */
  today?: string;
}

/**
 * Checks a parsed records file (contract README, "Records file") against its schemas
 * (record-schemas.ts) and returns it normalised: tax ids as 9 digits, VINs upper case, text
 * trimmed, blank contacts as null. Every problem is collected, each naming its record and field;
 * any problem refuses the whole file with a RecordsValidationError.
 */
export function validateRecords(json: unknown, options: ValidateOptions = {}): RecordsFile {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const file = recordsFileSchema.safeParse(json);
  if (!isObject(json)) throw new RecordsValidationError(findingsOf(file.error).map((finding) => finding.message));
  const problems: string[] = [];
  for (const finding of findingsOf(file.error).sort((a, b) => a.path.length - b.path.length)) {
    problems.push(finding.path.length === 0 ? `file: ${finding.message.replace("unknown field", "unknown top-level key")}` : `${fieldName(finding.path)}: ${finding.message}`);
  }
  const arrayOf = (key: string): unknown[] => (Array.isArray(json[key]) ? json[key] : []);

  const customers = validateCollection<CustomerRecord>(
    "customers",
    arrayOf("customers"),
    "id",
    customerSchema({ today }),
    [
      { field: "id", index: new UniqueIndex(), repeat: (earlier) => `duplicates ${earlier}` },
      { field: "taxId", index: new UniqueIndex(), repeat: (earlier) => `is the same as the tax id of ${earlier}` },
    ],
    problems,
  );
  // Every id the file declares, even on an otherwise bad record, so holders are not misreported.
  const declared = arrayOf("customers").flatMap((item) => (isObject(item) && typeof item.id === "string" && item.id.trim() !== "" ? [item.id.trim()] : []));
  const context: Pick<RecordContext, "customerIds"> = { customerIds: new Set([...(options.knownCustomerIds ?? []), ...declared]) };
  const depositAccounts = validateCollection<DepositAccountRecord>(
    "depositAccounts",
    arrayOf("depositAccounts"),
    "accountNumber",
    depositAccountSchema(context),
    [{ field: "accountNumber", index: new UniqueIndex(), repeat: (earlier) => `duplicates ${earlier}` }],
    problems,
  );
  const vehicleAccounts = validateCollection<VehicleAccountRecord>(
    "vehicleAccounts",
    arrayOf("vehicleAccounts"),
    "accountNumber",
    vehicleAccountSchema(context),
    [
      { field: "accountNumber", index: new UniqueIndex(), repeat: (earlier) => `duplicates ${earlier}` },
      { field: "vin", index: new UniqueIndex(), repeat: (earlier) => `duplicates the vin of ${earlier}` },
    ],
    problems,
  );

  if (problems.length > 0) throw new RecordsValidationError(problems);
  return { customers, depositAccounts, vehicleAccounts };
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
