import { createLogger } from '@compliance/logging';
import { DataSource } from 'typeorm';

import { RegisteredDataMap } from '../data-map/registered-data-map';
import { ConnectorHandler, ErasureBatchHook, FieldChanges } from '../sdk/connector-handler';
import { batches, union } from './batches';
import { connectorSql } from './connector-sql';
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
   * Every record of the subject: rows matching an identifier, then what points at them.
   *
   * TODO(ids held whole): every id is held in memory; a subject with 1,000,000 records
   * takes an export process to about 450 MB resident (`npm run bench -- dsr`).
   */
  async locate(query: SubjectQuery): Promise<SubjectRecords> {
    const found: SubjectRecords = {};

    for (const root of this.dataMap.roots) {
      for (const identifierColumn of root.subjectIdentifiers) {
        const matching = query.identifiers.filter((i) => i.kind === identifierColumn.kind);
        const values: string[] = [];

        for (const identifier of matching) {
          values.push(
            await Promise.resolve(
              this.matcher(query.companyId, identifier, identifierColumn.blindIndexed),
            ),
          );
        }

        if (values.length > 0) {
          const ids = await this.ids(
            connectorSql.idsMatching(root, identifierColumn.column),
            query.companyId,
            values,
          );
          found[root.name] = union(found[root.name], ids);
        }
      }
    }

    await this.followRelations(query.companyId, found);
    return found;
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
    const read = this.options.fieldReader;

    for await (const rows of this.rows(companyId, entity, ids)) {
      yield read ? await Promise.all(rows.map(async (row) => read(companyId, entity, row))) : rows;
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

  private async followRelations(companyId: string, found: SubjectRecords): Promise<void> {
    const queue = Object.keys(found);

    while (queue.length > 0) {
      const parent = queue.shift()!;
      const parentIds = found[parent] ?? [];

      for (const child of this.dataMap.childrenOf(parent)) {
        const ids: string[] = [];

        for (const batch of batches(parentIds, this.options.batchSize)) {
          const referencing = await this.ids(
            connectorSql.idsReferencing(child.entity, child.column),
            companyId,
            batch,
          );

          // One parent may have a million children: a spread into push() would overflow
          // the call stack, so they are appended one by one.
          for (const id of referencing) {
            ids.push(id);
          }
        }

        const before = found[child.entity.name]?.length ?? 0;
        found[child.entity.name] = union(found[child.entity.name], ids);

        if (found[child.entity.name].length > before) {
          queue.push(child.entity.name);
        }
      }
    }
  }

  private async ids(sql: string, companyId: string, values: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(sql, [companyId, values]);
    return rows.map((row) => row.id);
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
