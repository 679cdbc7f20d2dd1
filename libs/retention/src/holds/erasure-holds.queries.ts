import { EntityMap, RegisteredDataMap } from '@compliance/connector';
import { RetentionCondition } from '@compliance/contracts';

import { compileConditions } from '../conditions/condition.compiler';
import { Statement } from '../purge/purge.queries';
import { quoteIdentifier, quoteTable, SqlParameters } from '../purge/sql-parameters';

/** A hold on an entity (no conditions: all of it) or on the records a filter selects. */
export interface ErasureHold {
  id: string;
  scope: 'entity' | 'filter';
  entity: string;
  conditions: RetentionCondition[];
}

/** Active holds that can keep records from an erasure; subject holds are asked apart. */
export const SELECT_ERASURE_HOLDS = `
  SELECT id, scope, entity, conditions FROM retention.legal_holds
  WHERE company_id = $1 AND released_at IS NULL AND scope IN ('entity', 'filter')
  ORDER BY id`;

/** The same depth a purge follows parents to. */
const MAX_PARENT_DEPTH = 6;

/**
 * The records among `$2` one hold covers: its entity's records (those its filter selects),
 * and their children down the data map's relations. Undefined when the hold cannot reach
 * this entity at all, so no statement needs to run.
 */
export function coveredByHold(
  dataMap: RegisteredDataMap,
  entity: EntityMap,
  companyId: string,
  ids: string[],
  hold: ErasureHold,
): Statement | undefined {
  const parameters = new SqlParameters([companyId, ids]);
  const covered = coverage(dataMap, entity, 't', hold, parameters, 0);

  if (!covered) {
    return undefined;
  }

  const sql = `SELECT t.${quoteIdentifier(entity.primaryKey)}::text AS id
    FROM ${quoteTable(entity.table)} t
    WHERE t.${quoteIdentifier(entity.companyColumn)} = $1
      AND t.${quoteIdentifier(entity.primaryKey)} = ANY($2)
      AND (${covered})`;

  return { sql, values: parameters.values };
}

function coverage(
  dataMap: RegisteredDataMap,
  entity: EntityMap,
  alias: string,
  hold: ErasureHold,
  parameters: SqlParameters,
  depth: number,
): string | undefined {
  const parts: string[] = [];

  if (hold.entity === entity.name) {
    parts.push(
      hold.scope === 'entity'
        ? 'TRUE'
        : `(${compileConditions(hold.conditions, alias, parameters)})`,
    );
  }

  if (depth < MAX_PARENT_DEPTH) {
    entity.relations.forEach((relation, index) => {
      const parent = dataMap.entity(relation.references);
      const parentAlias = `p${depth}_${index}`;
      const parentCovered = coverage(dataMap, parent, parentAlias, hold, parameters, depth + 1);

      if (parentCovered) {
        parts.push(
          `EXISTS (SELECT 1 FROM ${quoteTable(parent.table)} ${parentAlias}
             WHERE ${parentAlias}.${quoteIdentifier(parent.primaryKey)} = ` +
            `${alias}.${quoteIdentifier(relation.column)}
               AND ${parentAlias}.${quoteIdentifier(parent.companyColumn)} = $1
               AND (${parentCovered}))`,
        );
      }
    });
  }

  return parts.length > 0 ? parts.join(' OR ') : undefined;
}
