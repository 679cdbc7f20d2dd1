import { DataSource } from 'typeorm';

import { LocalKeyringRow } from '../../keyring/keyring-rows';
import {
  ADD_KEK_VERSION,
  CURRENT_KEK_VERSION,
  FIND_LOCAL_KEYRING,
  INSERT_FIRST_KEK_VERSION,
  INSERT_LOCAL_KEYRING,
  SET_LOCAL_KEYRING_CHECK,
} from '../../keyring/keyring.queries';
import { rowsOf } from '../../keyring/sql-result';

export type NewLocalKeyring = Pick<
  LocalKeyringRow,
  'kdf' | 'kdf_iterations' | 'salt' | 'generated_key'
>;

/** The local provider's own rows: its root's salt and check value, and its KEK versions. */
export class LocalKeyringStore {
  constructor(
    private readonly dataSource: DataSource,
    readonly providerId: string,
  ) {}

  /** The keyring, created from `candidate` unless another process created it first. */
  async findOrCreate(candidate: NewLocalKeyring): Promise<LocalKeyringRow> {
    await this.rows(INSERT_LOCAL_KEYRING, [
      this.providerId,
      candidate.kdf,
      candidate.kdf_iterations,
      candidate.salt,
      candidate.generated_key,
    ]);
    await this.rows(INSERT_FIRST_KEK_VERSION, [this.providerId]);

    const [row] = await this.rows<LocalKeyringRow>(FIND_LOCAL_KEYRING, [this.providerId]);
    return row;
  }

  /** The stored check value, recorded from `candidate` when none was stored yet. */
  async checkValue(candidate: Buffer): Promise<Buffer> {
    await this.rows(SET_LOCAL_KEYRING_CHECK, [this.providerId, candidate]);

    const [row] = await this.rows<LocalKeyringRow>(FIND_LOCAL_KEYRING, [this.providerId]);
    return row.check_value ?? candidate;
  }

  async currentKekVersion(): Promise<number> {
    const [row] = await this.rows<{ version: number }>(CURRENT_KEK_VERSION, [this.providerId]);
    return row.version;
  }

  async addKekVersion(): Promise<number> {
    await this.rows(ADD_KEK_VERSION, [this.providerId]);

    return this.currentKekVersion();
  }

  private rows<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return rowsOf<T>(this.dataSource.manager, sql, parameters);
  }
}
