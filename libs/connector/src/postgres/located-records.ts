import { randomUUID } from 'node:crypto';

import { createLogger } from '@compliance/logging';
import { DataSource, QueryRunner } from 'typeorm';

import { SubjectScope } from './subject-scope';

/** The statements on a lookup's own temporary table, named after the lookup. */
const locatedSql = {
  create: (table: string) => `CREATE TEMPORARY TABLE ${table} (
      entity text NOT NULL,
      record_id text COLLATE "C" NOT NULL,
      PRIMARY KEY (entity, record_id)
    )`,
  fill: (scope: SubjectScope, table: string, firstParam: number) => {
    const selects = scope.entities.map(
      ({ cte }, index) => `SELECT $${firstParam + index}::text, id FROM ${cte}`,
    );
    return `${scope.withClause}
      INSERT INTO ${table} (entity, record_id) ${selects.join(' UNION ALL ')}`;
  },
  counts: (table: string) => `SELECT entity, count(*)::int AS count FROM ${table} GROUP BY entity`,
  /** Keyset paging on the table's own key: each page costs the same however far in. */
  page: (table: string) => `SELECT record_id FROM ${table}
      WHERE entity = $1 AND record_id > $2 ORDER BY record_id LIMIT $3`,
  drop: (table: string) => `DROP TABLE IF EXISTS ${table}`,
};

const logger = createLogger('LocatedRecords');

/**
 * A subject's record ids held by the database rather than by the process: the lookup
 * writes them into a temporary table of its own on one pinned connection, and they are
 * read back a page at a time. The table is named after the lookup, so lookups sharing one
 * database session (the embedded database has just one) never see each other's ids.
 */
export class LocatedRecords {
  private constructor(
    private readonly runner: QueryRunner,
    private readonly table: string,
    /** Records per entity within reach, zero included. */
    readonly counts: Record<string, number>,
  ) {}

  static async locate(dataSource: DataSource, scope: SubjectScope): Promise<LocatedRecords> {
    const runner = dataSource.createQueryRunner();
    const table = `pg_temp.connector_located_${randomUUID().replace(/-/g, '')}`;

    try {
      await runner.connect();
      await runner.query(locatedSql.create(table));

      const counts: Record<string, number> = {};
      scope.entities.forEach(({ name }) => (counts[name] = 0));

      if (scope.entities.length > 0) {
        const names = scope.entities.map(({ name }) => name);
        await runner.query(locatedSql.fill(scope, table, scope.params.length + 1), [
          ...scope.params,
          ...names,
        ]);
      }

      const rows = (await runner.query(locatedSql.counts(table))) as {
        entity: string;
        count: number;
      }[];
      rows.forEach(({ entity, count }) => (counts[entity] = count));

      return new LocatedRecords(runner, table, counts);
    } catch (error) {
      // The lookup's own error is the one to raise; a failed clean-up is only logged.
      await release(runner, table).catch((cleanup: unknown) =>
        logger.warn({ err: cleanup }, 'a failed lookup left its connection unreleased'),
      );
      throw error;
    }
  }

  /** The ids of one entity in pages of `size`, in key order, each id once. */
  async *ids(entity: string, size: number): AsyncGenerator<string[]> {
    for (let after = ''; ;) {
      const rows = await this.query<{ record_id: string }[]>(locatedSql.page(this.table), [
        entity,
        after,
        size,
      ]);

      if (rows.length === 0) {
        return;
      }

      yield rows.map((row) => row.record_id);

      if (rows.length < size) {
        return;
      }

      after = rows[rows.length - 1].record_id;
    }
  }

  /** A statement on the pinned connection, so a page's rows come without another one. */
  async query<T>(sql: string, params: unknown[]): Promise<T> {
    return (await this.runner.query(sql, params)) as T;
  }

  /** Drops the table and gives the connection back; safe to call more than once. */
  async release(): Promise<void> {
    await release(this.runner, this.table);
  }
}

async function release(runner: QueryRunner, table: string): Promise<void> {
  if (runner.isReleased) {
    return;
  }

  try {
    await runner.query(locatedSql.drop(table));
  } finally {
    await runner.release();
  }
}
