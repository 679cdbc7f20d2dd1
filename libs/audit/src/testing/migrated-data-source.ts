import { DatabaseEndpoint, openDataSource, runMigrations } from '@compliance/persistence';
import { DataSource } from 'typeorm';

import { auditMigrations } from '../migrations/audit-migrations';

/** Enough connections for every writer of the concurrency tests to wait on the lock at once. */
const POOL_SIZE = 25;

/** Migrates the audit schema at `endpoint` and opens a pool on it, for integration tests. */
export async function openMigratedDataSource(endpoint: DatabaseEndpoint): Promise<DataSource> {
  await runMigrations(endpoint, [auditMigrations]);

  return openDataSource({ endpoint, entities: [], poolSize: POOL_SIZE, applicationName: 'audit' });
}
