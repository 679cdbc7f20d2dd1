import { randomBytes } from 'node:crypto';

import { auditMigrations } from '@compliance/audit';
import { createFieldEncryption, cryptoMigrations, FieldEncryption } from '@compliance/crypto';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { accessReviewMigrations } from '../migrations/access-review.migrations';

export interface AccessReviewTestDatabase {
  database: TestDatabase;
  dataSource: DataSource;
  /** Local keys on a fresh random master key, so no suite opens another's ciphertext. */
  encryption: FieldEncryption;
  close(): Promise<void>;
}

/**
 * A fresh PostgreSQL database with the audit, crypto and access-review schemas migrated, a
 * pool named after the suite so its connections show in `pg_stat_activity`.
 */
export async function openAccessReviewTestDatabase(
  applicationName: string,
  options: { poolSize?: number } = {},
): Promise<AccessReviewTestDatabase> {
  const database = await createTestDatabase();
  const endpoint = { kind: 'url' as const, url: database.url };

  await runMigrations(endpoint, [auditMigrations, cryptoMigrations, accessReviewMigrations]);

  const dataSource = await openDataSource({
    endpoint,
    entities: [],
    poolSize: options.poolSize ?? 4,
    applicationName,
  });
  const encryption = await createFieldEncryption(dataSource, {
    kind: 'local',
    environment: 'test',
    masterKey: randomBytes(32).toString('base64'),
  });

  return {
    database,
    dataSource,
    encryption,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
