import { DataSource } from 'typeorm';

import { KeyContext, KeyPurpose, WrappedKey } from '../providers/key-provider';
import { DataKeyCompanyRow, DataKeyRow, DataKeyVersionRow, KeySetRow } from './keyring-rows';
import {
  CURRENT_DATA_KEY,
  DELETE_DATA_KEYS_OF_SET,
  FIND_DATA_KEY,
  FIND_KEY_SET,
  FIND_KEY_SET_BY_ID,
  INSERT_DATA_KEY,
  INSERT_KEY_SET,
  LIST_DATA_KEY_COMPANIES,
  LIST_DATA_KEY_VERSIONS,
  LIST_KEYS_TO_REWRAP,
  MARK_SUBJECT_KEYS_DESTROYED,
  MARK_VERSIONS_RETIRED,
  RAISE_MIN_VERSION,
  RESERVE_ENCRYPTIONS,
  UPDATE_WRAPPED_KEY,
} from './keyring.queries';
import { affectedBy, rowsOf } from './sql-result';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** The keys of every company, as rows. Holds no key in clear and no cache. */
export class KeyringStore {
  constructor(private readonly dataSource: DataSource) {}

  async findOrCreateKeySet(
    companyId: string,
    subjectId: string | null,
    purpose: KeyPurpose,
  ): Promise<KeySetRow> {
    await this.rows(INSERT_KEY_SET, [companyId, subjectId, purpose]);

    const [row] = await this.rows<KeySetRow>(FIND_KEY_SET, [companyId, subjectId, purpose]);
    return row;
  }

  async findKeySet(
    companyId: string,
    subjectId: string | null,
    purpose: KeyPurpose,
  ): Promise<KeySetRow | undefined> {
    const [row] = await this.rows<KeySetRow>(FIND_KEY_SET, [companyId, subjectId, purpose]);
    return row;
  }

  async findKeySetById(id: string): Promise<KeySetRow | undefined> {
    const [row] = await this.rows<KeySetRow>(FIND_KEY_SET_BY_ID, [id]);
    return row;
  }

  async listDataKeyCompanies(): Promise<DataKeyCompanyRow[]> {
    return this.rows<DataKeyCompanyRow>(LIST_DATA_KEY_COMPANIES, []);
  }

  async currentDataKey(keySetId: string): Promise<DataKeyRow | undefined> {
    const [row] = await this.rows<DataKeyRow>(CURRENT_DATA_KEY, [keySetId]);
    return row;
  }

  async findDataKey(keySetId: string, version: number): Promise<DataKeyRow | undefined> {
    const [row] = await this.rows<DataKeyRow>(FIND_DATA_KEY, [keySetId, version]);
    return row;
  }

  /** False when the version exists already or the key set was destroyed. */
  async insertDataKey(context: KeyContext, wrapped: WrappedKey): Promise<boolean> {
    const inserted = await this.rows(INSERT_DATA_KEY, [
      context.keyId,
      context.version,
      wrapped.providerId,
      wrapped.kekVersion,
      wrapped.blob,
    ]);

    return inserted.length === 1;
  }

  /** False when reserving would take the key past `limit`. */
  async reserveEncryptions(dataKeyId: string, count: number, limit: number): Promise<boolean> {
    const reserved = await this.rows(RESERVE_ENCRYPTIONS, [dataKeyId, count, limit]);
    return reserved.length === 1;
  }

  async listVersions(keySetId: string): Promise<DataKeyVersionRow[]> {
    return this.rows<DataKeyVersionRow>(LIST_DATA_KEY_VERSIONS, [keySetId]);
  }

  async listKeysToRewrap(
    companyId: string | null,
    current: { providerId: string; kekVersion: number },
    afterId: string | null,
    limit: number,
  ): Promise<DataKeyRow[]> {
    return this.rows<DataKeyRow>(LIST_KEYS_TO_REWRAP, [
      companyId,
      current.providerId,
      current.kekVersion,
      afterId ?? NO_ID,
      limit,
    ]);
  }

  async replaceWrapping(row: DataKeyRow, wrapped: WrappedKey): Promise<boolean> {
    const updated = await affectedBy(this.dataSource.manager, UPDATE_WRAPPED_KEY, [
      row.id,
      wrapped.blob,
      wrapped.providerId,
      wrapped.kekVersion,
      row.kek_provider,
      row.kek_version,
    ]);

    return updated === 1;
  }

  async retireVersionsBelow(keySetId: string, minVersion: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await rowsOf<{ min_version: number }>(manager, RAISE_MIN_VERSION, [
        keySetId,
        minVersion,
      ]);
      await affectedBy(manager, MARK_VERSIONS_RETIRED, [keySetId, row.min_version]);

      return row.min_version;
    });
  }

  /** Marks the subject's key set destroyed and deletes its data keys, in one transaction. */
  async destroySubjectKeys(
    companyId: string,
    subjectId: string,
  ): Promise<{ keySetId: string; deleted: number }> {
    return this.dataSource.transaction(async (manager) => {
      const [set] = await rowsOf<{ id: string }>(manager, MARK_SUBJECT_KEYS_DESTROYED, [
        companyId,
        subjectId,
      ]);
      const deleted = await affectedBy(manager, DELETE_DATA_KEYS_OF_SET, [set.id]);

      return { keySetId: set.id, deleted };
    });
  }

  private async rows<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return rowsOf<T>(this.dataSource.manager, sql, parameters);
  }
}
