const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a value a PostgreSQL `uuid` column accepts in the canonical form. Ids are checked with
 * this first, so a malformed one names no row instead of making PostgreSQL refuse the query.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
