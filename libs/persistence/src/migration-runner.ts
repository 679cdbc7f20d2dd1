import { createLogger } from '@compliance/logging';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import {
  DatabaseEndpoint,
  pgConnectionOptions,
  typeormConnectionOptions,
} from './database-endpoint';
import { MigrationSet } from './migration-set';

/** Arbitrary but fixed: every process that migrates takes the same advisory lock. */
const MIGRATION_LOCK_KEY = 7_310_442;

/**
 * Applies each set's pending migrations, one transaction per migration. Replicas that
 * start together wait on one advisory lock, so a migration never runs twice at once.
 */
export async function runMigrations(
  endpoint: DatabaseEndpoint,
  sets: MigrationSet[],
): Promise<string[]> {
  const logger = createLogger('MigrationRunner');
  const lock = new Client(pgConnectionOptions(endpoint));
  const applied: string[] = [];

  await lock.connect();

  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);

    for (const set of sets) {
      await lock.query(`CREATE SCHEMA IF NOT EXISTS "${set.schema}"`);

      const dataSource = new DataSource({
        type: 'postgres',
        ...typeormConnectionOptions(endpoint),
        schema: set.schema,
        migrations: set.migrations,
        migrationsTableName: 'migrations',
        migrationsTransactionMode: 'each',
        logging: false,
      });

      await dataSource.initialize();

      try {
        const ran = await dataSource.runMigrations({ transaction: 'each' });
        applied.push(...ran.map((migration) => migration.name));
      } finally {
        await dataSource.destroy();
      }
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }

  logger.info({ applied: applied.length, schemas: sets.map((s) => s.schema) }, 'migrations done');
  return applied;
}
