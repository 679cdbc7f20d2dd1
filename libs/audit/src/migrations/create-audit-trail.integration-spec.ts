import { randomUUID } from 'node:crypto';

import { runMigrations } from '@compliance/persistence';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { recordAudit } from '../recording/record-audit';
import { buildAuditInput } from '../testing/audit-input.factory';
import { openMigratedDataSource } from '../testing/migrated-data-source';
import { auditMigrations } from './audit-migrations';

describe('CreateAuditTrail1733250000000', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let companyId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openMigratedDataSource({ kind: 'url', url: database.url });
    companyId = randomUUID();

    for (let count = 0; count < 3; count++) {
      await dataSource.transaction((manager) =>
        recordAudit(manager, buildAuditInput({ companyId })),
      );
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function entryCount(): Promise<number> {
    const [{ count }] = await dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM audit.audit_entries WHERE company_id = $1',
      [companyId],
    );

    return count;
  }

  it('should refuse to update an entry', async () => {
    const update = dataSource.query(
      `UPDATE audit.audit_entries SET details = '{"forged": true}' WHERE company_id = $1`,
      [companyId],
    );

    await expect(update).rejects.toThrow(/append-only: UPDATE is refused/);
  });

  it('should refuse to delete an entry', async () => {
    const remove = dataSource.query(
      'DELETE FROM audit.audit_entries WHERE company_id = $1 AND sequence = 2',
      [companyId],
    );

    await expect(remove).rejects.toThrow(/append-only: DELETE is refused/);
    expect(await entryCount()).toBe(3);
  });

  it('should refuse to truncate the table', async () => {
    const truncate = dataSource.query('TRUNCATE audit.audit_entries');

    await expect(truncate).rejects.toThrow(/append-only: TRUNCATE is refused/);
    expect(await entryCount()).toBe(3);
  });

  it('should refuse an outcome outside success, denied and failure', async () => {
    const insert = dataSource.query(
      `INSERT INTO audit.audit_entries (company_id, sequence, occurred_at, actor_type, actor_id,
         action, resource_type, outcome, previous_hash, hash)
       VALUES ($1, 99, now()::timestamp(3), 'user', 'u-1', 'a', 'r', 'maybe', $2, $2)`,
      [companyId, '0'.repeat(64)],
    );

    await expect(insert).rejects.toThrow(/check constraint/);
  });

  it('should apply nothing when the migrations run again', async () => {
    const applied = await runMigrations({ kind: 'url', url: database.url }, [auditMigrations]);

    expect(applied).toEqual([]);
  });
});
