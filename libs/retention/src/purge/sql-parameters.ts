const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Quotes a column checked against the identifier pattern; anything else is refused. */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`not a safe SQL identifier: ${JSON.stringify(name)}`);
  }

  return `"${name}"`;
}

/** `schema.table` from a data map, quoted part by part. */
export function quoteTable(table: string): string {
  return table.split('.').map(quoteIdentifier).join('.');
}

/** Collects values and hands out their `$n` placeholders, so no value is ever inlined. */
export class SqlParameters {
  readonly values: unknown[];

  constructor(initial: unknown[] = []) {
    this.values = [...initial];
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
