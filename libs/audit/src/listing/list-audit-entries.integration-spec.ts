import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { listAuditEntries as listAuditEntriesContract } from '@compliance/contracts';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { AuditEntryInput } from '../recording/audit-entry-input';
import { recordAudit } from '../recording/record-audit';
import { buildAuditInput } from '../testing/audit-input.factory';
import { openMigratedDataSource } from '../testing/migrated-data-source';
import { AuditEntryQuery, listAuditEntries } from './list-audit-entries';

describe('listAuditEntries', () => {
  const companyA = randomUUID();
  const companyB = randomUUID();
  const alice = randomUUID();
  const bob = randomUUID();
  const policyId = randomUUID();

  let database: TestDatabase;
  let dataSource: DataSource;

  /** Company A's entries in the order recorded, so sequence n is at index n - 1. */
  const inputsOfA: Partial<AuditEntryInput>[] = [
    { actor: { type: 'user', id: alice }, action: 'policy.created', resourceId: policyId },
    { actor: { type: 'user', id: alice }, action: 'policy.updated', resourceId: policyId },
    { actor: { type: 'user', id: bob }, action: 'policy.updated', resourceId: randomUUID() },
    { actor: { type: 'user', id: bob }, action: 'dsr.opened', resourceType: 'dsr' },
    { actor: { type: 'user', id: alice }, action: 'policy.deleted', resourceId: policyId },
  ];
  let occurredAt: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openMigratedDataSource({ kind: 'url', url: database.url });
    occurredAt = [];

    for (const overrides of inputsOfA) {
      const entry = await record(buildAuditInput({ companyId: companyA, ...overrides }));
      occurredAt.push(entry.occurredAt);
      // Entries are stamped in milliseconds; a pause keeps their times apart.
      await sleep(5);
    }

    await record(buildAuditInput({ companyId: companyB, actor: { type: 'user', id: alice } }));
    await record(buildAuditInput({ companyId: companyB, resourceId: policyId }));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  function record(input: AuditEntryInput) {
    return dataSource.transaction((manager) => recordAudit(manager, input));
  }

  async function sequencesListed(companyId: string, filters: Partial<AuditEntryQuery> = {}) {
    const page = await listAuditEntries(dataSource, companyId, {
      limit: 50,
      offset: 0,
      ...filters,
    });
    return page.items.map((item) => item.sequence);
  }

  it('should list newest first, in the shape of the contract', async () => {
    const page = await listAuditEntries(dataSource, companyA, { limit: 50, offset: 0 });

    expect(listAuditEntriesContract.response.parse(page)).toEqual(page);
    expect(page.items.map((item) => item.sequence)).toEqual([5, 4, 3, 2, 1]);
    expect(page.items[0]).not.toHaveProperty('companyId');
    expect(page).toMatchObject({ total: 5, limit: 50, offset: 0 });
  });

  it('should filter by actor, action, resource type and resource id', async () => {
    expect(await sequencesListed(companyA, { actorId: bob })).toEqual([4, 3]);
    expect(await sequencesListed(companyA, { action: 'policy.updated' })).toEqual([3, 2]);
    expect(await sequencesListed(companyA, { resourceType: 'dsr' })).toEqual([4]);
    expect(await sequencesListed(companyA, { resourceId: policyId })).toEqual([5, 2, 1]);
    expect(await sequencesListed(companyA, { actorId: alice, action: 'policy.updated' })).toEqual([
      2,
    ]);
  });

  it('should include entries at `from` and exclude entries at `to`', async () => {
    const window = { from: occurredAt[1], to: occurredAt[3] };

    expect(await sequencesListed(companyA, window)).toEqual([3, 2]);
  });

  it('should page through the entries with a stable total', async () => {
    const pages = await Promise.all(
      [0, 2, 4, 6].map((offset) => listAuditEntries(dataSource, companyA, { limit: 2, offset })),
    );

    expect(pages.map((page) => page.items.map((item) => item.sequence))).toEqual([
      [5, 4],
      [3, 2],
      [1],
      [],
    ]);
    expect(pages.map((page) => page.total)).toEqual([5, 5, 5, 5]);
  });

  it("should never show another company's entries, whatever the filter", async () => {
    const byAlice = await listAuditEntries(dataSource, companyB, {
      limit: 50,
      offset: 0,
      actorId: alice,
    });

    expect(byAlice.total).toBe(1);
    expect(await sequencesListed(companyB)).toEqual([2, 1]);
    expect(await sequencesListed(companyB, { resourceId: policyId })).toEqual([2]);
    expect(await sequencesListed(randomUUID())).toEqual([]);
  });

  it('should treat filter values as values, never as SQL', async () => {
    expect(await sequencesListed(companyA, { actorId: "' OR '1'='1" })).toEqual([]);
  });
});
