import { randomUUID } from 'node:crypto';

import { auditMigrations } from '@compliance/audit';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { policyMigrations } from '../migrations/policy.migrations';
import { PolicyMaintenanceService } from './policy-maintenance.service';

const NOW = new Date('2026-06-01T04:45:00Z');
const DAY_MS = 86_400_000;

describe(PolicyMaintenanceService.name, () => {
  let database: TestDatabase;
  const replicas: DataSource[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const endpoint = { kind: 'url' as const, url: database.url };
    await runMigrations(endpoint, [auditMigrations, policyMigrations]);

    for (const name of ['replica-a', 'replica-b']) {
      replicas.push(
        await openDataSource({ endpoint, entities: [], poolSize: 2, applicationName: name }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.destroy()));
    await database?.drop();
  });

  async function checkMade(companyId: string, daysBefore: number, now = NOW): Promise<void> {
    await replicas[0].query(
      `INSERT INTO policy.transfer_checks (company_id, category, from_region, to_region, checked_at)
       VALUES ($1, 'contact', 'eu-west-1', 'us-east-1', $2)`,
      [companyId, new Date(now.getTime() - daysBefore * DAY_MS)],
    );
  }

  async function ages(companyId: string): Promise<number[]> {
    const rows: { age: number }[] = await replicas[0].query(
      `SELECT round(extract(epoch FROM ($2 - checked_at)) / 86400)::int AS age
       FROM policy.transfer_checks WHERE company_id = $1 ORDER BY age`,
      [companyId, NOW],
    );
    return rows.map((row) => row.age);
  }

  async function auditEntries(companyId: string): Promise<unknown[]> {
    return replicas[0].query(
      `SELECT actor_type, actor_id, action, resource_type, resource_id, details
       FROM audit.audit_entries WHERE company_id = $1 ORDER BY sequence`,
      [companyId],
    );
  }

  it('should delete the checks past the 30-day replay window once across replicas', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    // 31 days is past the window (NOW minus 30 days), 29 days is within it.
    for (const [companyId, days] of [
      [first, 31],
      [first, 45],
      [second, 31],
      [first, 29],
      [second, 1],
    ] as const) {
      await checkMade(companyId, days);
    }

    const results = await Promise.all(
      replicas.map((replica) => new PolicyMaintenanceService(replica).pruneTransferChecksOnce(NOW)),
    );

    expect(results.filter(({ ran }) => ran)).toEqual([{ ran: true, deleted: 3 }]);
    expect(results.filter(({ ran }) => !ran)).toEqual([{ ran: false, deleted: 0 }]);
    expect(await ages(first)).toEqual([29]);
    expect(await ages(second)).toEqual([1]);
  });

  it('should run again on the next day, for the checks that aged out since', async () => {
    const companyId = randomUUID();
    const nextDay = new Date(NOW.getTime() + DAY_MS);
    // 29 days and a minute old today, within the window; 30 days and a minute tomorrow.
    await checkMade(companyId, 30 + 1 / 1440, nextDay);

    const service = new PolicyMaintenanceService(replicas[1]);

    expect(await service.pruneTransferChecksOnce(NOW)).toEqual({ ran: false, deleted: 0 });
    expect(await service.pruneTransferChecksOnce(nextDay)).toEqual({ ran: true, deleted: 1 });
    expect(await ages(companyId)).toEqual([]);
  });

  it('should delete only checks past the window and audit the count once per company', async () => {
    const companyId = randomUUID();
    // A day no other test claims; its cutoff is 30 days before it.
    const day = new Date(NOW.getTime() + 10 * DAY_MS);
    for (const days of [31, 45, 29]) {
      await checkMade(companyId, days, day);
    }

    const result = await new PolicyMaintenanceService(replicas[0]).pruneTransferChecksOnce(day);

    // 31 and 45 days are past the window; 29 days before `day` (19 before NOW) stays.
    expect(result).toEqual({ ran: true, deleted: expect.any(Number) });
    expect(await ages(companyId)).toEqual([19]);
    expect(await auditEntries(companyId)).toEqual([
      {
        actor_type: 'system',
        actor_id: 'policy-maintenance',
        action: 'policy.transfer-checks-pruned',
        resource_type: 'transfer-checks',
        resource_id: null,
        details: {
          deleted: 2,
          checkedBefore: new Date(day.getTime() - 30 * DAY_MS).toISOString(),
          replayDays: 30,
        },
      },
    ]);
  });

  it('should write no audit entry for a company with nothing past the window', async () => {
    const companyId = randomUUID();
    const day = new Date(NOW.getTime() + 11 * DAY_MS);
    await checkMade(companyId, 29, day);

    await new PolicyMaintenanceService(replicas[0]).pruneTransferChecksOnce(day);

    expect(await auditEntries(companyId)).toEqual([]);
  });
});
