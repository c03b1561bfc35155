const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a value a `uuid` column accepts; checked first, so a bad id is "not found", not an SQL error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
