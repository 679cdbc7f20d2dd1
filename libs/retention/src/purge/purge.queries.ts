import { EntityMap, RegisteredDataMap } from '@compliance/connector';
import { RetentionCondition } from '@compliance/contracts';

import { compileConditions } from '../conditions/condition.compiler';
import { quoteIdentifier, quoteTable, SqlParameters } from './sql-parameters';

/**
 * Every statement retention runs against a module's tables, built from its data map.
 * Table and column names come from the registered map (checked identifiers, quoted);
 * every value is a parameter, and `$1` is always the company.
 */

export interface CoveringRule {
  conditions: RetentionCondition[];
  dateField: string;
  cutoff: Date;
}

export interface FilterHold {
  entity: string;
  conditions: RetentionCondition[];
}

export interface PurgeScope {
  companyId: string;
  dataMap: RegisteredDataMap;
  entity: EntityMap;
  dateField: string;
  cutoff: Date;
  conditions: RetentionCondition[];
  /** Set for a `soft` run: rows already marked are no longer matched. */
  softDeleteColumn: string | null;
  /** The company's other active rules on this entity: a record one of them keeps is kept. */
  otherRules: CoveringRule[];
}

export interface Statement {
  sql: string;
  values: unknown[];
}

/** Parents are followed this deep for a subject's protection; data maps are far shallower. */
const MAX_PARENT_DEPTH = 6;

/** Records the policy selects: expired, matching its filters, not kept by a longer rule. */
function candidatePredicate(scope: PurgeScope, alias: string, parameters: SqlParameters): string {
  const column = (name: string) => `${alias}.${quoteIdentifier(name)}`;
  const parts = [
    `${column(scope.entity.companyColumn)} = $1`,
    `${column(scope.dateField)} < ${parameters.add(scope.cutoff)}`,
    `(${compileConditions(scope.conditions, alias, parameters)})`,
  ];

  if (scope.softDeleteColumn) {
    parts.push(`${column(scope.softDeleteColumn)} IS NULL`);
  }

  for (const rule of scope.otherRules) {
    // A rule that covers the record and has not expired it yet keeps it: the longer wins.
    parts.push(
      `NOT ((${compileConditions(rule.conditions, alias, parameters)}) AND ` +
        `(${column(rule.dateField)} IS NULL OR ` +
        `${column(rule.dateField)} >= ${parameters.add(rule.cutoff)}))`,
    );
  }

  return parts.join('\n AND ');
}

/**
 * True for a record a legal hold, a restriction or an open request protects: its own
 * identifiers name a protected subject, its entity or a filter on it is held, or a parent
 * it points at is protected (a child belongs to its parent's subject).
 */
function heldPredicate(
  dataMap: RegisteredDataMap,
  entity: EntityMap,
  alias: string,
  holds: readonly FilterHold[],
  parameters: SqlParameters,
  depth = 0,
): string {
  const column = (name: string) => `${alias}.${quoteIdentifier(name)}`;
  const parts = [
    `EXISTS (SELECT 1 FROM retention.legal_holds h WHERE h.company_id = $1
       AND h.released_at IS NULL AND h.scope = 'entity'
       AND h.entity = ${parameters.add(entity.name)})`,
  ];

  for (const identifier of entity.subjectIdentifiers) {
    parts.push(
      `EXISTS (SELECT 1 FROM retention.protected_subjects ps WHERE ps.company_id = $1
         AND ps.subject_kind = ${parameters.add(identifier.kind)}
         AND ps.subject_value = ${column(identifier.column)}::text)`,
    );
  }

  for (const hold of holds.filter((candidate) => candidate.entity === entity.name)) {
    parts.push(`(${compileConditions(hold.conditions, alias, parameters)})`);
  }

  if (depth < MAX_PARENT_DEPTH) {
    entity.relations.forEach((relation, index) => {
      const parent = dataMap.entity(relation.references);
      const parentAlias = `p${depth}_${index}`;
      const parentHeld = heldPredicate(dataMap, parent, parentAlias, holds, parameters, depth + 1);

      parts.push(
        `EXISTS (SELECT 1 FROM ${quoteTable(parent.table)} ${parentAlias}
           WHERE ${parentAlias}.${quoteIdentifier(parent.primaryKey)} = ${column(relation.column)}
             AND ${parentAlias}.${quoteIdentifier(parent.companyColumn)} = $1
             AND (${parentHeld}))`,
      );
    });
  }

  return parts.join('\n OR ');
}

/**
 * Whether anything could protect a record of the entity: a hold on it, an open block or
 * subject hold in the company, a filter hold, or a parent (whose own protection carries
 * down). When nothing could, counting held records would only read the range again.
 */
function anyProtection(
  scope: PurgeScope,
  holds: readonly FilterHold[],
  parameters: SqlParameters,
): string {
  // Always true, yet naming `$1` so PostgreSQL learns its type in every statement.
  if (scope.entity.relations.length > 0 || holds.some((h) => h.entity === scope.entity.name)) {
    return '($1::uuid IS NOT NULL)';
  }

  return `(EXISTS (SELECT 1 FROM retention.legal_holds h WHERE h.company_id = $1
       AND h.released_at IS NULL AND h.scope = 'entity'
       AND h.entity = ${parameters.add(scope.entity.name)})
     OR EXISTS (SELECT 1 FROM retention.protected_subjects ps WHERE ps.company_id = $1))`;
}

/** The rows of heap blocks [from, to), read by a TID range scan. */
function blockRange(parameters: SqlParameters, fromBlock: number, toBlock: number): string {
  return (
    `t.ctid >= ${parameters.add(`(${fromBlock},0)`)}::tid ` +
    `AND t.ctid < ${parameters.add(`(${toBlock},0)`)}::tid`
  );
}

/** The policy's candidates among the rows of heap blocks [from, to). */
function blockCandidates(
  scope: PurgeScope,
  parameters: SqlParameters,
  fromBlock: number,
  toBlock: number,
): string {
  const range = blockRange(parameters, fromBlock, toBlock);

  return `${range}\n AND ${candidatePredicate(scope, 't', parameters)}`;
}

export const purgeQueries = {
  /** One batch of candidates after `cursor`, in key order, each flagged held or not. */
  candidateBatch(
    scope: PurgeScope,
    holds: readonly FilterHold[],
    cursor: string | null,
    limit: number,
    lock: boolean,
  ): Statement {
    const parameters = new SqlParameters([scope.companyId]);
    const key = `t.${quoteIdentifier(scope.entity.primaryKey)}`;
    const where = [candidatePredicate(scope, 't', parameters)];

    if (cursor !== null) {
      where.push(`${key} > ${parameters.add(cursor)}`);
    }

    const held = heldPredicate(scope.dataMap, scope.entity, 't', holds, parameters);
    const sql = `SELECT ${key}::text AS id, (${held}) AS held
      FROM ${quoteTable(scope.entity.table)} t
      WHERE ${where.join('\n AND ')}
      ORDER BY ${key}
      LIMIT ${parameters.add(limit)}${lock ? '\n FOR UPDATE OF t' : ''}`;

    return { sql, values: parameters.values };
  },

  /** The last key and size of the next batch of candidates after `cursor`; null when done. */
  batchEnd(scope: PurgeScope, cursor: string | null, limit: number): Statement {
    const parameters = new SqlParameters([scope.companyId]);
    const key = `t.${quoteIdentifier(scope.entity.primaryKey)}`;
    const where = [candidatePredicate(scope, 't', parameters)];

    if (cursor !== null) {
      where.push(`${key} > ${parameters.add(cursor)}`);
    }

    // Not max(k): PostgreSQL has no max() for uuid keys. A top-1 sort of the batch is as
    // cheap and works for every ordered key type.
    const sql = `SELECT k::text AS last_key, matched FROM (
        SELECT k, count(*) OVER ()::int AS matched FROM (
          SELECT ${key} AS k FROM ${quoteTable(scope.entity.table)} t
          WHERE ${where.join('\n AND ')}
          ORDER BY ${key} LIMIT ${parameters.add(limit)}) batch) counted
      ORDER BY k DESC LIMIT 1`;

    return { sql, values: parameters.values };
  },

  /**
   * A `hard` batch of an entity nothing points at, as one range delete over the key:
   * the candidates in (cursor, last] are exactly the batch `batchEnd` found. The
   * predicate sits in the DELETE itself, so a row changed meanwhile is checked again.
   * Reports how many went; the rest of the batch is what a hold kept.
   */
  deleteLeafRange(
    scope: PurgeScope,
    holds: readonly FilterHold[],
    cursor: string | null,
    lastKey: string,
  ): Statement {
    const parameters = new SqlParameters([scope.companyId]);
    const key = `t.${quoteIdentifier(scope.entity.primaryKey)}`;
    const table = quoteTable(scope.entity.table);
    const range = [`${key} <= ${parameters.add(lastKey)}`];

    if (cursor !== null) {
      range.push(`${key} > ${parameters.add(cursor)}`);
    }

    const selected = `${candidatePredicate(scope, 't', parameters)}\n AND ${range.join(' AND ')}`;
    const held = heldPredicate(scope.dataMap, scope.entity, 't', holds, parameters);
    const sql = `WITH gone AS (
        DELETE FROM ${table} t WHERE ${selected} AND NOT (${held}) RETURNING 1)
      SELECT count(*)::int AS deleted FROM gone`;

    return { sql, values: parameters.values };
  },

  /**
   * What the heap-order purge needs of a table: whether it is a plain table (a view, a
   * partitioned parent or an inheritance parent has no single heap to walk: its children's
   * rows sit in heaps of their own, past the parent's size), its size in blocks now, the
   * rows a block holds on average by the last VACUUM or ANALYZE (null when never
   * measured), and whether anything could protect one of its records at all.
   */
  heapLayout(scope: PurgeScope, holds: readonly FilterHold[]): Statement {
    const parameters = new SqlParameters([scope.companyId]);
    const table = parameters.add(quoteTable(scope.entity.table));
    const sql = `SELECT c.relkind = 'r' AND NOT c.relhassubclass AS plain,
        (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS blocks,
        CASE WHEN c.relpages > 0 AND c.reltuples > 0 THEN c.reltuples / c.relpages END
          AS rows_per_block,
        ${anyProtection(scope, holds, parameters)} AS protected
      FROM pg_class c WHERE c.oid = ${table}::regclass`;

    return { sql, values: parameters.values };
  },

  /**
   * A `hard` batch of an entity nothing points at, as one plain DELETE over a range of
   * heap blocks [from, to): a TID range scan reads those blocks once, page by page, as the
   * raw DELETE's sequential scan does, and deletes every candidate no hold protects. The
   * count comes from the command tag: a RETURNING list would cost a third of the time.
   */
  deleteLeafBlocks(
    scope: PurgeScope,
    holds: readonly FilterHold[],
    fromBlock: number,
    toBlock: number,
  ): Statement {
    const parameters = new SqlParameters([scope.companyId]);
    const selected = blockCandidates(scope, parameters, fromBlock, toBlock);
    const held = heldPredicate(scope.dataMap, scope.entity, 't', holds, parameters);
    const sql = `DELETE FROM ${quoteTable(scope.entity.table)} t
      WHERE ${selected} AND NOT (${held})`;

    return { sql, values: parameters.values };
  },

  /**
   * The company's rows in heap blocks [from, to): they include every candidate, so their
   * density bounds a batch's whatever the table's statistics say.
   */
  countBlockRows(scope: PurgeScope, fromBlock: number, toBlock: number): Statement {
    const parameters = new SqlParameters([scope.companyId]);
    const company = `t.${quoteIdentifier(scope.entity.companyColumn)}`;
    const sql = `SELECT count(*)::int AS rows FROM ${quoteTable(scope.entity.table)} t
      WHERE ${blockRange(parameters, fromBlock, toBlock)} AND ${company} = $1`;

    return { sql, values: parameters.values };
  },

  /** After `deleteLeafBlocks`, in its transaction: the candidates left are those held. */
  countLeafBlocks(scope: PurgeScope, fromBlock: number, toBlock: number): Statement {
    const parameters = new SqlParameters([scope.companyId]);
    const sql = `SELECT count(*)::int AS remaining FROM ${quoteTable(scope.entity.table)} t
      WHERE ${blockCandidates(scope, parameters, fromBlock, toBlock)}`;

    return { sql, values: parameters.values };
  },

  /** How many records the policy selects now: the figure a bound preview is held to. */
  countCandidates(scope: PurgeScope): Statement {
    const parameters = new SqlParameters([scope.companyId]);
    const sql = `SELECT count(*)::bigint AS count FROM ${quoteTable(scope.entity.table)} t
      WHERE ${candidatePredicate(scope, 't', parameters)}`;

    return { sql, values: parameters.values };
  },

  /** The rows of `child` pointing at the given parents, each flagged held or not. */
  children(
    dataMap: RegisteredDataMap,
    child: EntityMap,
    column: string,
    companyId: string,
    parentIds: string[],
    holds: readonly FilterHold[],
    lock: boolean,
  ): Statement {
    const parameters = new SqlParameters([companyId, parentIds]);
    const held = heldPredicate(dataMap, child, 'c', holds, parameters);
    const sql = `SELECT c.${quoteIdentifier(child.primaryKey)}::text AS id,
        c.${quoteIdentifier(column)}::text AS parent, (${held}) AS held
      FROM ${quoteTable(child.table)} c
      WHERE c.${quoteIdentifier(child.companyColumn)} = $1
        AND c.${quoteIdentifier(column)} = ANY($2)
      ORDER BY c.${quoteIdentifier(child.primaryKey)}${lock ? '\n FOR UPDATE OF c' : ''}`;

    return { sql, values: parameters.values };
  },

  /** Whether records of an entity are protected: what the hold check answers. */
  heldAmong(
    dataMap: RegisteredDataMap,
    entity: EntityMap,
    companyId: string,
    ids: string[],
    holds: readonly FilterHold[],
  ): Statement {
    const parameters = new SqlParameters([companyId, ids]);
    const held = heldPredicate(dataMap, entity, 't', holds, parameters);
    const sql = `SELECT t.${quoteIdentifier(entity.primaryKey)}::text AS id
      FROM ${quoteTable(entity.table)} t
      WHERE t.${quoteIdentifier(entity.companyColumn)} = $1
        AND t.${quoteIdentifier(entity.primaryKey)} = ANY($2)
        AND (${held})`;

    return { sql, values: parameters.values };
  },

  /** Whole records as JSON, for the archive; `$2` the keys. */
  recordsAsJson(entity: EntityMap): string {
    return `SELECT t.${quoteIdentifier(entity.primaryKey)}::text AS id, to_jsonb(t) AS record
      FROM ${quoteTable(entity.table)} t
      WHERE t.${quoteIdentifier(entity.companyColumn)} = $1
        AND t.${quoteIdentifier(entity.primaryKey)} = ANY($2)
      ORDER BY t.${quoteIdentifier(entity.primaryKey)}`;
  },

  /** Deletes by key and says how many went; `$2` the keys. */
  deleteByIds(entity: EntityMap): string {
    return `WITH gone AS (
        DELETE FROM ${quoteTable(entity.table)} t
        WHERE t.${quoteIdentifier(entity.companyColumn)} = $1
          AND t.${quoteIdentifier(entity.primaryKey)} = ANY($2)
        RETURNING 1)
      SELECT count(*)::int AS count FROM gone`;
  },

  /** Sets the soft-delete marker by key and says how many were marked; `$2` the keys. */
  markByIds(entity: EntityMap, marker: string): string {
    return `WITH marked AS (
        UPDATE ${quoteTable(entity.table)} t SET ${quoteIdentifier(marker)} = now()
        WHERE t.${quoteIdentifier(entity.companyColumn)} = $1
          AND t.${quoteIdentifier(entity.primaryKey)} = ANY($2)
          AND t.${quoteIdentifier(marker)} IS NULL
        RETURNING 1)
      SELECT count(*)::int AS count FROM marked`;
  },
};
