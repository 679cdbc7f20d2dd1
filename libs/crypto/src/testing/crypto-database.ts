import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  DatabaseEndpoint,
  openDataSource,
  openEmbeddedDatabase,
  runMigrations,
} from '@compliance/persistence';
import { createTestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { cryptoMigrations } from '../migrations/crypto.migrations';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityTarget = Function;

export interface CryptoDatabase {
  endpoint: DatabaseEndpoint;
  /** Opens another pool, as a second process would. */
  open(entities?: EntityTarget[]): Promise<DataSource>;
  close(): Promise<void>;
}

/** A fresh PostgreSQL database with the crypto schema migrated. */
export async function openCryptoTestDatabase(): Promise<CryptoDatabase> {
  const database = await createTestDatabase();

  return migrated({ kind: 'url', url: database.url }, () => database.drop());
}

/** The same on embedded PGlite in a temporary folder. */
export async function openCryptoPgliteDatabase(): Promise<CryptoDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'crypto-pglite-'));
  const database = await openEmbeddedDatabase(dataDir);

  return migrated(database.endpoint, async () => {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });
}

async function migrated(
  endpoint: DatabaseEndpoint,
  release: () => Promise<void>,
): Promise<CryptoDatabase> {
  await runMigrations(endpoint, [cryptoMigrations]);
  const opened: DataSource[] = [];

  return {
    endpoint,
    open: async (entities = []) => {
      const dataSource = await openDataSource({
        endpoint,
        entities,
        poolSize: 4,
        applicationName: 'crypto-spec',
      });
      opened.push(dataSource);
      return dataSource;
    },
    close: async () => {
      for (const dataSource of opened) {
        await dataSource.destroy();
      }
      await release();
    },
  };
}
