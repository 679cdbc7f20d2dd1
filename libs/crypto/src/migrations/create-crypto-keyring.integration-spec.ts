import { randomUUID } from 'node:crypto';

import { runMigrations } from '@compliance/persistence';
import { DataSource } from 'typeorm';

import { CryptoDatabase, openCryptoTestDatabase } from '../testing/crypto-database';
import { cryptoMigrations } from './crypto.migrations';
import { CreateCryptoKeyring1733400000000 } from './create-crypto-keyring.migration';

describe(CreateCryptoKeyring1733400000000.name, () => {
  let database: CryptoDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openCryptoTestDatabase();
    dataSource = await database.open();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('should allow one key set per company, subject and purpose, null subject too', async () => {
    const companyId = randomUUID();
    const insert = (subjectId: string | null) =>
      dataSource.query(
        `INSERT INTO crypto.key_sets (company_id, subject_id, purpose) VALUES ($1, $2, 'data')`,
        [companyId, subjectId],
      );

    await insert(null);
    await insert('subject-1');

    await expect(insert(null)).rejects.toThrow(/key_sets_scope_key/);
    await expect(insert('subject-1')).rejects.toThrow(/key_sets_scope_key/);
  });

  it('should refuse a subject on a blind-index key set', async () => {
    const insert = dataSource.query(
      `INSERT INTO crypto.key_sets (company_id, subject_id, purpose) VALUES ($1, 's', 'index')`,
      [randomUUID()],
    );

    await expect(insert).rejects.toThrow(/check constraint/);
  });

  it('should refuse a passphrase keyring with fewer than 600,000 rounds', async () => {
    const insert = dataSource.query(
      `INSERT INTO crypto.local_keyring (provider_id, kdf, kdf_iterations, salt)
       VALUES ('weak', 'pbkdf2-sha256', 1000, $1)`,
      [Buffer.alloc(16, 1)],
    );

    await expect(insert).rejects.toThrow(/check constraint/);
  });

  it('should apply nothing when the migrations run again', async () => {
    await expect(runMigrations(database.endpoint, [cryptoMigrations])).resolves.toEqual([]);
  });
});
