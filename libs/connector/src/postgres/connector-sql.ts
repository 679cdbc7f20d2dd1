import { EntityMap } from '../data-map/data-map.schema';

/**
 * Every statement the PostgreSQL connector sends, built from a registered data map only.
 * Table and column names were checked as plain identifiers at registration and are
 * quoted here; values always travel as parameters.
 */
export function quoted(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
}

export const connectorSql = {
  /**
   * Rows by their keys in the key's own type (the parameter takes the column's), so the
   * primary key's index finds them: what an export reads, a batch at a time.
   */
  rowsByKey(entity: EntityMap): string {
    return `SELECT to_jsonb(t) AS row FROM ${quoted(entity.table)} t
      WHERE t.${quoted(entity.companyColumn)} = $1 AND t.${quoted(entity.primaryKey)} = ANY($2)
      ORDER BY t.${quoted(entity.primaryKey)}`;
  },

  /** Rows as PostgreSQL renders them to JSON, so a restore puts back exactly these values. */
  rows(entity: EntityMap): string {
    return `SELECT to_jsonb(t) AS row FROM ${quoted(entity.table)} t
      WHERE t.${quoted(entity.companyColumn)} = $1
        AND t.${quoted(entity.primaryKey)}::text = ANY($2)
      ORDER BY t.${quoted(entity.primaryKey)}`;
  },

  /**
   * Puts rows back from their JSON form: missing rows are inserted, rows that were kept
   * (their personal fields emptied) get every column back. Only rows of the company.
   */
  restore(entity: EntityMap, columns: string[]): string {
    const list = columns.map(quoted).join(', ');
    const excluded = columns.map((column) => `EXCLUDED.${quoted(column)}`).join(', ');

    return `INSERT INTO ${quoted(entity.table)} (${list})
      SELECT ${list} FROM jsonb_populate_recordset(NULL::${quoted(entity.table)}, $2::jsonb) r
      WHERE r.${quoted(entity.companyColumn)} = $1
      ON CONFLICT (${quoted(entity.primaryKey)}) DO UPDATE SET (${list}) = ROW(${excluded})`;
  },

  /** Sets plain columns of the subject's rows to new values given as parameters from $3. */
  rectify(entity: EntityMap, columns: string[]): string {
    const assignments = columns.map((column, index) => `${quoted(column)} = $${index + 3}`);

    return `UPDATE ${quoted(entity.table)} SET ${assignments.join(', ')}
      WHERE ${quoted(entity.companyColumn)} = $1 AND ${quoted(entity.primaryKey)}::text = ANY($2)`;
  },

  delete(entity: EntityMap): string {
    return `DELETE FROM ${quoted(entity.table)}
      WHERE ${quoted(entity.companyColumn)} = $1 AND ${quoted(entity.primaryKey)}::text = ANY($2)`;
  },

  /**
   * Empties or pseudonymises the personal fields of records a law requires to keep, and
   * cuts their links to the records being deleted: a kept invoice must not point at the
   * erased contact (so such link columns must be nullable).
   */
  erasePersonalFields(entity: EntityMap, deletedEntities: ReadonlySet<string>): string | undefined {
    const fields = entity.piiFields.map((field) =>
      field.erasure === 'null'
        ? `${quoted(field.column)} = NULL`
        : `${quoted(field.column)} = 'erased:' ||
            md5(${quoted(entity.primaryKey)}::text || '${field.column}')`,
    );
    const links = entity.relations
      .filter((relation) => deletedEntities.has(relation.references))
      .map((relation) => `${quoted(relation.column)} = NULL`);

    if (fields.length + links.length === 0) {
      return undefined;
    }

    return `UPDATE ${quoted(entity.table)} SET ${[...fields, ...links].join(', ')}
      WHERE ${quoted(entity.companyColumn)} = $1 AND ${quoted(entity.primaryKey)}::text = ANY($2)`;
  },

  /**
   * Rows that still hold personal data: any row at all of an entity erased by deletion,
   * and rows of a retained entity whose personal fields are not yet emptied or replaced.
   */
  remainingPersonalData(entity: EntityMap): string {
    const stillPersonal = entity.piiFields.map((field) =>
      field.erasure === 'null'
        ? `${quoted(field.column)} IS NOT NULL`
        : `${quoted(field.column)}::text NOT LIKE 'erased:%'`,
    );
    const condition = entity.erasure === 'delete' ? 'true' : stillPersonal.join(' OR ') || 'false';

    return `SELECT count(*)::int AS count FROM ${quoted(entity.table)}
      WHERE ${quoted(entity.companyColumn)} = $1 AND ${quoted(entity.primaryKey)}::text = ANY($2)
      AND (${condition})`;
  },
};
