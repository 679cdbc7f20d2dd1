import { createLogger } from '@compliance/logging';
import { DataSource } from 'typeorm';

import { RegisteredDataMap } from '../data-map/registered-data-map';
import {
  ConnectorHandler,
  ErasureBatchHook,
  ExportBatchSink,
  FieldChanges,
} from '../sdk/connector-handler';
import { batches } from './batches';
import { connectorSql } from './connector-sql';
import { LocatedRecords } from './located-records';
import { MatchedColumn, scopeRecordsSql, subjectScope } from './subject-scope';
import {
  ErasureCounts,
  FieldReader,
  FieldWriter,
  IdentifierMatcher,
  SubjectQuery,
  SubjectRecords,
} from './subject-records';

export interface PostgresConnectorOptions {
  /** Rows per statement and per transaction, so a large subject never locks for long. */
  batchSize: number;
  /** How rectified values are stored; plain columns take the value as it is by default. */
  fieldWriter?: FieldWriter;
  /** How stored rows read in an export; rows go out as stored by default. */
  fieldReader?: FieldReader;
}

const COLUMN = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Serves data subject requests and purges for a CRM whose modules share one PostgreSQL
 * database, driven by a registered data map alone.
 */
export class PostgresConnector implements ConnectorHandler {
  private readonly logger = createLogger(PostgresConnector.name);

  constructor(
    private readonly dataSource: DataSource,
    readonly dataMap: RegisteredDataMap,
    private readonly matcher: IdentifierMatcher,
    private readonly options: PostgresConnectorOptions = { batchSize: 500 },
  ) {}

  /**
   * Every record of the subject: rows matching an identifier, then what points at them,
   * resolved by the database in one statement. The ids come back whole, for erasure,
   * rectification and restriction; an export reads them in pages (`exportSubject`).
   *
   * TODO(erasure ids in memory): erasure, its snapshot, rectification and restriction
   * still take every id of the subject into the process, as an export no longer does.
   */
  async locate(query: SubjectQuery): Promise<SubjectRecords> {
    const scope = await this.scope(query);
    const found: SubjectRecords = {};
    scope.entities.forEach(({ name }) => (found[name] = []));

    if (scope.entities.length === 0) {
      return found;
    }

    const { sql, params } = scopeRecordsSql(scope);
    const rows = await this.dataSource.query<{ entity: string; id: string }[]>(sql, params);

    // One row per record; pushed one by one, as a million ids would overflow a spread.
    for (const row of rows) {
      found[row.entity].push(row.id);
    }

    Object.values(found).forEach((ids) => ids.sort());
    return found;
  }

  /**
   * The subject's records as the subject reads them, entity by entity, `batchSize` at a
   * time, each record once. The ids stay in the database (see `LocatedRecords`), so the
   * process holds one batch whatever the subject's size. Answers the records sent per
   * entity within reach, zero included.
   */
  async exportSubject(query: SubjectQuery, send: ExportBatchSink): Promise<Record<string, number>> {
    const located = await LocatedRecords.locate(this.dataSource, await this.scope(query));
    const counts: Record<string, number> = {};

    try {
      for (const entity of Object.keys(located.counts)) {
        const map = this.dataMap.entity(entity);
        counts[entity] = 0;

        for await (const ids of located.ids(entity, this.options.batchSize)) {
          const stored = await located.query<{ row: Record<string, unknown> }[]>(
            connectorSql.rowsByKey(map),
            [query.companyId, ids],
          );
          const rows = await this.readable(
            query.companyId,
            entity,
            stored.map(({ row }) => row),
          );

          // A record erased since the lookup is gone; what was sent is what counts.
          if (rows.length > 0) {
            await send(entity, rows);
            counts[entity] += rows.length;
          }
        }
      }
    } finally {
      await located.release();
    }

    return counts;
  }

  /** The subject's rows of one entity as JSON, a batch at a time, never all in memory. */
  async *rows(
    companyId: string,
    entity: string,
    ids: string[],
  ): AsyncGenerator<Record<string, unknown>[]> {
    const map = this.dataMap.entity(entity);

    for (const batch of batches(ids, this.options.batchSize)) {
      const rows = await this.dataSource.query<{ row: Record<string, unknown> }[]>(
        connectorSql.rows(map),
        [companyId, batch],
      );
      yield rows.map(({ row }) => row);
    }
  }

  /** Rows for the subject's own eyes: the field reader opens what is sealed. */
  async *readableRows(
    companyId: string,
    entity: string,
    ids: string[],
  ): AsyncGenerator<Record<string, unknown>[]> {
    for await (const rows of this.rows(companyId, entity, ids)) {
      yield await this.readable(companyId, entity, rows);
    }
  }

  /**
   * Erases in the data map's order, children first, one transaction per batch. Running it
   * again over the same records finds them gone and changes nothing.
   */
  async erase(
    companyId: string,
    records: SubjectRecords,
    onBatch?: ErasureBatchHook,
  ): Promise<ErasureCounts> {
    const counts: ErasureCounts = { deleted: {}, anonymised: {} };
    const deletedEntities = new Set(
      this.dataMap.map.entities.filter((e) => e.erasure === 'delete').map((e) => e.name),
    );

    for (const name of this.dataMap.erasureOrder) {
      const entity = this.dataMap.entity(name);
      const ids = records[name] ?? [];
      const retain = entity.erasure === 'retain';

      const statement = retain
        ? connectorSql.erasePersonalFields(entity, deletedEntities)
        : connectorSql.delete(entity);
      const tally = retain ? counts.anonymised : counts.deleted;

      if (!statement) {
        continue;
      }

      for (const batch of batches(ids, this.options.batchSize)) {
        const affected = await this.dataSource.transaction(async (manager) => {
          const result: unknown = await manager.query(statement, [companyId, batch]);
          const rows = affectedRows(result);
          await onBatch?.(manager, name, rows);
          return rows;
        });
        tally[name] = (tally[name] ?? 0) + affected;
      }
    }

    this.logger.info({ companyId, ...counts }, 'subject erased');
    return counts;
  }

  async restore(
    companyId: string,
    entity: string,
    rows: Record<string, unknown>[],
  ): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }

    const map = this.dataMap.entity(entity);
    const columns = Object.keys(rows[0]);

    // The keys came out of our own snapshot, but they end up in SQL: check them anyway.
    if (!columns.every((column) => COLUMN.test(column))) {
      throw new Error(`a snapshot of ${entity} holds a column that is not a plain identifier`);
    }

    const result: unknown = await this.dataSource.query(connectorSql.restore(map, columns), [
      companyId,
      JSON.stringify(rows),
    ]);
    return affectedRows(result) || rows.length;
  }

  /** Records among these that still hold a personal field: zero proves the erasure. */
  async remainingPersonalData(companyId: string, records: SubjectRecords): Promise<number> {
    let remaining = 0;

    for (const [name, ids] of Object.entries(records)) {
      const entity = this.dataMap.entity(name);

      for (const batch of batches(ids, this.options.batchSize)) {
        const [{ count }] = await this.dataSource.query<{ count: number }[]>(
          connectorSql.remainingPersonalData(entity),
          [companyId, batch],
        );
        remaining += count;
      }
    }

    return remaining;
  }

  /**
   * Writes new values to the declared personal fields of the subject's records. A change
   * to a field no entity declares is refused rather than silently dropped.
   */
  async rectify(
    companyId: string,
    records: SubjectRecords,
    changes: FieldChanges,
  ): Promise<Record<string, number>> {
    const declared = new Set(
      this.dataMap.map.entities.flatMap((e) => e.piiFields.map((field) => field.column)),
    );
    const unknown = Object.keys(changes).filter((column) => !declared.has(column));

    if (unknown.length > 0) {
      throw new Error(`no personal field is declared as ${unknown.join(', ')}`);
    }

    const counts: Record<string, number> = {};

    for (const [name, ids] of Object.entries(records)) {
      const entity = this.dataMap.entity(name);
      const fields = entity.piiFields.filter((field) => field.column in changes);

      for (const id of fields.length > 0 ? ids : []) {
        const values: Record<string, string> = {};

        for (const field of fields) {
          const write = this.options.fieldWriter ?? plainValue;
          Object.assign(
            values,
            await write(companyId, name, id, field.column, changes[field.column]),
          );
        }

        const columns = Object.keys(values).filter((column) => COLUMN.test(column));
        await this.dataSource.query(connectorSql.rectify(entity, columns), [
          companyId,
          [id],
          ...columns.map((column) => values[column]),
        ]);
        counts[name] = (counts[name] ?? 0) + 1;
      }
    }

    return counts;
  }

  /** What each identifier column of a root is matched against: values or blind indexes. */
  private async scope(query: SubjectQuery) {
    const matched: MatchedColumn[] = [];

    for (const root of this.dataMap.roots) {
      for (const identifierColumn of root.subjectIdentifiers) {
        const values: string[] = [];

        for (const identifier of query.identifiers) {
          if (identifier.kind === identifierColumn.kind) {
            values.push(
              await Promise.resolve(
                this.matcher(query.companyId, identifier, identifierColumn.blindIndexed),
              ),
            );
          }
        }

        matched.push({ entity: root.name, column: identifierColumn.column, values });
      }
    }

    return subjectScope(this.dataMap, query.companyId, matched);
  }

  private async readable(
    companyId: string,
    entity: string,
    rows: Record<string, unknown>[],
  ): Promise<Record<string, unknown>[]> {
    const read = this.options.fieldReader;
    return read ? Promise.all(rows.map(async (row) => read(companyId, entity, row))) : rows;
  }
}

function plainValue(
  _company: string,
  _entity: string,
  _id: string,
  column: string,
  value: string,
): Record<string, string> {
  return { [column]: value };
}

/** TypeORM answers DELETE and UPDATE on PostgreSQL with `[rows, affectedCount]`. */
function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
