/** A PostgreSQL unique violation: where, and the duplicate value when its detail says (it may be a secret: never print it). */
export interface UniqueViolation {
  schema: string | undefined;
  table: string | undefined;
  /** The column and the value the detail names; undefined when it names none (or several columns). */
  column: string | undefined;
  value: string | undefined;
}

/** What node-postgres reports for a failed statement (TypeORM copies it onto its error). */
interface DatabaseErrorFields {
  code?: string;
  schema?: string;
  table?: string;
  detail?: string;
}

const UNIQUE_VIOLATION = "23505";
// PostgreSQL's detail of a unique violation: Key (column)=(value) already exists.
const DUPLICATE_KEY = /^Key \(([^)]+)\)=\((.*)\) already exists\.$/s;

/** The unique violation `error` reports, or null for any other error. */
export function uniqueViolationOf(error: unknown): UniqueViolation | null {
  const fields = (typeof error === "object" && error !== null ? error : {}) as DatabaseErrorFields;
  if (fields.code !== UNIQUE_VIOLATION) return null;
  const duplicate = DUPLICATE_KEY.exec(fields.detail ?? "");
  return { schema: fields.schema, table: fields.table, column: duplicate?.[1], value: duplicate?.[2] };
}
