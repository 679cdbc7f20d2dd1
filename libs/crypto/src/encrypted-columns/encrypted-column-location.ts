/**
 * A column that stores libs/crypto ciphertext, declared once by the library that owns the
 * table, so that key tooling can count the values still sealed under a key version.
 * Identifiers are PostgreSQL names as created (lower case, unquoted).
 */
export interface EncryptedColumnLocation {
  schema: string;
  table: string;
  column: string;
  /** The column holding the company id each value belongs to. */
  companyColumn: string;
  /**
   * Set when `column` is a jsonb array of objects: the key within each element that holds
   * the ciphertext. Each element then counts as one value.
   */
  jsonArrayKey?: string;
}

/** `schema.table.column`, with `[].key` for a value inside a jsonb array. */
export function describeEncryptedColumn(location: EncryptedColumnLocation): string {
  const path = `${location.schema}.${location.table}.${location.column}`;

  return location.jsonArrayKey ? `${path}[].${location.jsonArrayKey}` : path;
}
