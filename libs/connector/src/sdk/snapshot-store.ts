import { DataSource } from 'typeorm';

import { SubjectRecords } from '../postgres/subject-records';
import { ConnectorQueries } from './connector.queries';

/**
 * What the SDK needs of `FieldEncryption`: a subject key per request, so that destroying
 * it (crypto-shredding) makes every copy of the snapshot unreadable.
 */
export interface SnapshotCipher {
  encrypt(plaintext: string, binding: SnapshotBinding): Promise<string>;
  decrypt(ciphertext: string, binding: SnapshotBinding): Promise<string>;
  shredSubject(companyId: string, subjectId: string): Promise<{ destroyedKeys: number }>;
}

export interface SnapshotBinding {
  companyId: string;
  entity: string;
  field: string;
  recordId: string;
  subjectId: string;
}

/** The key of a request's snapshot: its own, never the company's or the subject's. */
export function snapshotKeyName(requestId: string): string {
  return `dsr-snapshot:${requestId}`;
}

/**
 * An erasure's snapshot: each batch of rows sealed under the request's own key before
 * anything is erased, with the record ids in clear (ids only) so a resumed erasure knows
 * what it had located.
 */
export class SnapshotStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ConnectorQueries,
    private readonly cipher: SnapshotCipher,
    private readonly connector: string,
  ) {}

  async save(
    key: { companyId: string; requestId: string; taskId: string },
    entity: string,
    sequence: number,
    primaryKey: string,
    rows: Record<string, unknown>[],
  ): Promise<void> {
    const sealed = await this.cipher.encrypt(
      JSON.stringify(rows),
      this.binding(key.companyId, key.requestId, entity, sequence),
    );
    const ids = rows.map((row) => String(row[primaryKey]));

    await this.dataSource.query(this.queries.insertSnapshot, [
      key.requestId,
      entity,
      sequence,
      key.companyId,
      key.taskId,
      ids,
      sealed,
    ]);
  }

  /** The record ids the snapshot holds, per entity; empty when there is none. */
  async recordIds(companyId: string, requestId: string): Promise<SubjectRecords> {
    const rows = await this.dataSource.query<{ entity: string; record_ids: string[] }[]>(
      this.queries.snapshotIds,
      [requestId, companyId],
    );
    const records: SubjectRecords = {};

    for (const row of rows) {
      records[row.entity] = [...(records[row.entity] ?? []), ...row.record_ids];
    }

    return records;
  }

  async *batches(
    companyId: string,
    requestId: string,
    entity: string,
  ): AsyncGenerator<Record<string, unknown>[]> {
    const rows = await this.dataSource.query<{ sequence: number; sealed: string }[]>(
      this.queries.snapshotBatches,
      [requestId, companyId, entity],
    );

    for (const row of rows) {
      const plaintext = await this.cipher.decrypt(
        row.sealed,
        this.binding(companyId, requestId, entity, row.sequence),
      );
      yield JSON.parse(plaintext) as Record<string, unknown>[];
    }
  }

  /** Drops a snapshot cut short, before anything was erased under it. */
  async discard(companyId: string, requestId: string): Promise<void> {
    await this.dataSource.query(this.queries.deleteSnapshots, [requestId, companyId]);
  }

  /** Destroys the request's key first, then the rows: a crash between leaves only noise. */
  async shred(companyId: string, requestId: string): Promise<number> {
    const { destroyedKeys } = await this.cipher.shredSubject(companyId, snapshotKeyName(requestId));
    await this.dataSource.query(this.queries.deleteSnapshots, [requestId, companyId]);
    return destroyedKeys;
  }

  private binding(companyId: string, requestId: string, entity: string, sequence: number) {
    return {
      companyId,
      entity: `${this.connector}.snapshot`,
      field: entity,
      recordId: `${requestId}:${sequence}`,
      subjectId: snapshotKeyName(requestId),
    };
  }
}
