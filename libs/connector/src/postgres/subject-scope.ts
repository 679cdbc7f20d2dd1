import { RegisteredDataMap } from '../data-map/registered-data-map';
import { quoted } from './connector-sql';

/** The values an identifier column of a root entity is matched against. */
export interface MatchedColumn {
  entity: string;
  column: string;
  values: string[];
}

/**
 * A subject's records as SQL the database resolves on its own: one common table
 * expression per entity within reach, parents before children, each yielding the entity's
 * primary keys as text. A row matched by two identifiers, or reached through two
 * relations, is still one row of its entity's expression, so every record comes once.
 */
export interface SubjectScope {
  /** `WITH ...`, to be followed by a statement that reads the expressions. */
  withClause: string;
  /** The entities within reach, parents first, with their expression's name. */
  entities: { name: string; cte: string }[];
  /** `$1` is the company; the matched values follow. Further parameters go after these. */
  params: unknown[];
}

export function subjectScope(
  dataMap: RegisteredDataMap,
  companyId: string,
  matched: MatchedColumn[],
): SubjectScope {
  const params: unknown[] = [companyId];
  const entities: SubjectScope['entities'] = [];
  const expressions: string[] = [];
  const cteOf = new Map<string, string>();

  // Reversed, the erasure order puts every parent before the entities that point at it.
  for (const name of [...dataMap.erasureOrder].reverse()) {
    const entity = dataMap.entity(name);
    const conditions: string[] = [];

    for (const match of matched.filter((m) => m.entity === name && m.values.length > 0)) {
      params.push(match.values);
      conditions.push(`t.${quoted(match.column)} = ANY($${params.length})`);
    }

    for (const relation of entity.relations) {
      const parent = cteOf.get(relation.references);

      // Compared as text, as the ids travel: a key and its foreign key need not share a type.
      if (parent) {
        conditions.push(`t.${quoted(relation.column)}::text IN (SELECT id FROM ${parent})`);
      }
    }

    if (conditions.length === 0) {
      continue;
    }

    const cte = `s${entities.length}`;
    cteOf.set(name, cte);
    entities.push({ name, cte });
    expressions.push(`${cte} AS (SELECT t.${quoted(entity.primaryKey)}::text AS id
      FROM ${quoted(entity.table)} t
      WHERE t.${quoted(entity.companyColumn)} = $1 AND (${conditions.join(' OR ')}))`);
  }

  return {
    withClause: entities.length > 0 ? `WITH ${expressions.join(',\n')}` : '',
    entities,
    params,
  };
}

/** Every `(entity, id)` of the scope in one statement; entity names go as parameters. */
export function scopeRecordsSql(scope: SubjectScope): { sql: string; params: unknown[] } {
  const params = [...scope.params];
  const selects = scope.entities.map(({ name, cte }) => {
    params.push(name);
    return `SELECT $${params.length}::text AS entity, id FROM ${cte}`;
  });

  return { sql: `${scope.withClause}\n${selects.join('\nUNION ALL\n')}`, params };
}
