import { EntityManager } from 'typeorm';

import { RegisteredDataMap } from '../data-map/registered-data-map';
import { ErasureCounts, SubjectQuery, SubjectRecords } from '../postgres/subject-records';

/** Called in the transaction of each erased batch, so progress commits with the change. */
export type ErasureBatchHook = (
  manager: EntityManager,
  entity: string,
  affected: number,
) => Promise<void>;

/** Takes one batch of an export: rows of one entity, as the subject reads them. */
export type ExportBatchSink = (entity: string, rows: Record<string, unknown>[]) => Promise<void>;

/** New values for a subject's fields, by column name of the entity that holds them. */
export type FieldChanges = Record<string, string>;

/**
 * What a CRM module writes to take part in data subject requests: its own data logic,
 * nothing about the bus. The built-in `PostgresConnector` implements it from a data map.
 */
export interface ConnectorHandler {
  readonly dataMap: RegisteredDataMap;
  /** Every record of the subject, per entity. */
  locate(query: SubjectQuery): Promise<SubjectRecords>;
  /**
   * Sends every record of the subject, as the subject reads it, a batch at a time and each
   * record once, never all in memory: what an access or portability export takes. Answers
   * the records sent per entity.
   */
  exportSubject(query: SubjectQuery, send: ExportBatchSink): Promise<Record<string, number>>;
  /** The records' rows as JSON objects, a batch at a time. */
  rows(companyId: string, entity: string, ids: string[]): AsyncGenerator<Record<string, unknown>[]>;
  /** The same rows as `rows`, in the form the subject reads them in an export. */
  readableRows(
    companyId: string,
    entity: string,
    ids: string[],
  ): AsyncGenerator<Record<string, unknown>[]>;
  /** Erases the records in the data map's order; running it again changes nothing. */
  erase(
    companyId: string,
    records: SubjectRecords,
    onBatch?: ErasureBatchHook,
  ): Promise<ErasureCounts>;
  /** Puts rows taken by `rows` back exactly as they were; returns how many. */
  restore(companyId: string, entity: string, rows: Record<string, unknown>[]): Promise<number>;
  /** Records among these that still hold a personal field. */
  remainingPersonalData(companyId: string, records: SubjectRecords): Promise<number>;
  /** Applies new values to the subject's records; returns records changed per entity. */
  rectify(
    companyId: string,
    records: SubjectRecords,
    changes: FieldChanges,
  ): Promise<Record<string, number>>;
}
