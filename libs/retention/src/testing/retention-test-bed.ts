import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { auditMigrations } from '@compliance/audit';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { ArchiveStore } from '../archive/archive-store';
import { LocalArchiveStore } from '../archive/local-archive-store';
import { retentionMigrations } from '../migrations/retention.migrations';
import { Clock, RetentionSettings } from '../support/retention.tokens';
import { createRetentionToolkit, RetentionToolkit } from '../support/retention-toolkit.factory';

/** A small CRM of our own: contacts, their leads, and activities on both. */
export const CRM_TEST_SCHEMA_SQL = `
  CREATE SCHEMA crm_test;
  CREATE TABLE crm_test.contacts (id uuid PRIMARY KEY, company_id uuid NOT NULL, email text,
    status text NOT NULL DEFAULT 'active', created_at timestamptz NOT NULL,
    deleted_at timestamptz);
  CREATE TABLE crm_test.leads (id uuid PRIMARY KEY, company_id uuid NOT NULL,
    contact_id uuid NOT NULL REFERENCES crm_test.contacts (id), created_at timestamptz NOT NULL);
  CREATE TABLE crm_test.activities (id bigserial PRIMARY KEY, company_id uuid NOT NULL,
    contact_id uuid NOT NULL REFERENCES crm_test.contacts (id),
    lead_id uuid REFERENCES crm_test.leads (id), note text, occurred_at timestamptz NOT NULL);
`;

export const CRM_TEST_DATA_MAP = {
  module: 'crm-test',
  entities: [
    {
      name: 'contact',
      table: 'crm_test.contacts',
      subjectIdentifiers: [{ kind: 'email', column: 'email' }],
      piiFields: [{ column: 'email', category: 'contact' }],
      timestamps: [{ column: 'created_at', purpose: 'created' }],
    },
    {
      name: 'lead',
      table: 'crm_test.leads',
      relations: [{ column: 'contact_id', references: 'contact' }],
    },
    {
      name: 'activity',
      table: 'crm_test.activities',
      relations: [
        { column: 'contact_id', references: 'contact' },
        { column: 'lead_id', references: 'lead' },
      ],
    },
  ],
};

/** "Now" as a test sets it. */
export class MutableClock implements Clock {
  private current = new Date();

  now(): Date {
    return this.current;
  }

  set(date: Date): void {
    this.current = date;
  }
}

export interface RetentionTestBed extends RetentionToolkit {
  database: TestDatabase;
  dataSource: DataSource;
  settings: RetentionSettings;
  clock: MutableClock;
  archiveDir: string;
  close(): Promise<void>;
}

/**
 * The service's parts wired by hand over a fresh database on the real PostgreSQL. Archives
 * go to a fresh local folder unless a test passes its own store.
 */
export async function openRetentionTestBed(
  settings: RetentionSettings = { batchSize: 3, pauseMs: 0, cron: '0 2 * * *' },
  options: { store?: ArchiveStore } = {},
): Promise<RetentionTestBed> {
  const database = await createTestDatabase();
  const endpoint = { kind: 'url' as const, url: database.url };

  await runMigrations(endpoint, [auditMigrations, retentionMigrations]);

  const dataSource = await openDataSource({
    endpoint,
    entities: [],
    poolSize: 4,
    applicationName: 'retention-test',
  });
  await dataSource.query(CRM_TEST_SCHEMA_SQL);

  const archiveDir = await mkdtemp(join(tmpdir(), 'retention-archives-'));
  const clock = new MutableClock();
  const toolkit = createRetentionToolkit(dataSource, {
    settings,
    clock,
    store: options.store ?? new LocalArchiveStore(archiveDir),
  });

  await toolkit.catalog.register(CRM_TEST_DATA_MAP);

  return {
    database,
    dataSource,
    settings,
    clock,
    archiveDir,
    ...toolkit,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
      await rm(archiveDir, { recursive: true, force: true });
    },
  };
}
