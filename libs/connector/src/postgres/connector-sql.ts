import { EntityMap } from '../data-map/data-map.schema';

/**
 * Every statement the PostgreSQL connector sends, built from a registered data map only.
 * Table and column names were checked as plain identifiers at registration and are
 * quoted here; values always travel as parameters.
 */
function quoted(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
}

export const connectorSql = {
  /** Primary keys of an entity's rows whose `column` holds one of the values. */
  idsMatching(entity: EntityMap, column: string): string {
    return `SELECT ${quoted(entity.primaryKey)}::text AS id FROM ${quoted(entity.table)}
      WHERE ${quoted(entity.companyColumn)} = $1 AND ${quoted(column)} = ANY($2)`;
  },

  /** Primary keys of rows whose foreign key points at one of the parent ids. */
  idsReferencing(entity: EntityMap, column: string): string {
    return `SELECT ${quoted(entity.primaryKey)}::text AS id FROM ${quoted(entity.table)}
      WHERE ${quoted(entity.companyColumn)} = $1 AND ${quoted(column)}::text = ANY($2)`;
  },

  rows(entity: EntityMap): string {
    return `SELECT * FROM ${quoted(entity.table)}
      WHERE ${quoted(entity.companyColumn)} = $1 AND ${quoted(entity.primaryKey)}::text = ANY($2)
      ORDER BY ${quoted(entity.primaryKey)}`;
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
        : `${quoted(field.column)} = 'erased:' || md5(${quoted(entity.primaryKey)}::text || '${field.column}')`,
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
