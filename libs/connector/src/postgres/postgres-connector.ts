import { createLogger } from '@compliance/logging';
import { DataSource } from 'typeorm';

import { RegisteredDataMap } from '../data-map/registered-data-map';
import { connectorSql } from './connector-sql';
import { ErasureCounts, IdentifierMatcher, SubjectQuery, SubjectRecords } from './subject-records';

export interface PostgresConnectorOptions {
  /** Rows per statement and per transaction, so a large subject never locks for long. */
  batchSize: number;
}

/**
 * Serves data subject requests and purges for a CRM whose modules share one PostgreSQL
 * database, driven by a registered data map alone.
 */
export class PostgresConnector {
  private readonly logger = createLogger(PostgresConnector.name);

  constructor(
    private readonly dataSource: DataSource,
    readonly dataMap: RegisteredDataMap,
    private readonly matcher: IdentifierMatcher,
    private readonly options: PostgresConnectorOptions = { batchSize: 500 },
  ) {}

  /** Every record of the subject: rows matching an identifier, then what points at them. */
  async locate(query: SubjectQuery): Promise<SubjectRecords> {
    const found: SubjectRecords = {};

    for (const root of this.dataMap.roots) {
      for (const identifierColumn of root.subjectIdentifiers) {
        const values = query.identifiers
          .filter((identifier) => identifier.kind === identifierColumn.kind)
          .map((identifier) =>
            this.matcher(query.companyId, identifier, identifierColumn.blindIndexed),
          );

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

  /** The subject's rows of one entity, a batch at a time, never all in memory. */
  async *rows(
    companyId: string,
    entity: string,
    ids: string[],
  ): AsyncGenerator<Record<string, unknown>[]> {
    const map = this.dataMap.entity(entity);

    for (const batch of batches(ids, this.options.batchSize)) {
      yield await this.dataSource.query<Record<string, unknown>[]>(connectorSql.rows(map), [
        companyId,
        batch,
      ]);
    }
  }

  /**
   * Erases in the data map's order, children first, one transaction per batch. Running it
   * again over the same records finds them gone and changes nothing.
   */
  async erase(companyId: string, records: SubjectRecords): Promise<ErasureCounts> {
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
          return affectedRows(result);
        });
        tally[name] = (tally[name] ?? 0) + affected;
      }
    }

    this.logger.info({ companyId, ...counts }, 'subject erased');
    return counts;
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

  private async followRelations(companyId: string, found: SubjectRecords): Promise<void> {
    const queue = Object.keys(found);

    while (queue.length > 0) {
      const parent = queue.shift()!;
      const parentIds = found[parent] ?? [];

      for (const child of this.dataMap.childrenOf(parent)) {
        const ids: string[] = [];

        for (const batch of batches(parentIds, this.options.batchSize)) {
          ids.push(
            ...(await this.ids(
              connectorSql.idsReferencing(child.entity, child.column),
              companyId,
              batch,
            )),
          );
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

function union(existing: string[] | undefined, added: string[]): string[] {
  return [...new Set([...(existing ?? []), ...added])].sort();
}

function* batches<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size);
  }
}

/** TypeORM answers DELETE and UPDATE on PostgreSQL with `[rows, affectedCount]`. */
function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
