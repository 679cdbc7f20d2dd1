const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names come from code, never from users; this still refuses anything odd. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid schema name: ${schema}`);
  }

  return `"${schema}"`;
}
