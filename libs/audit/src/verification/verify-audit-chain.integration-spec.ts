import { randomUUID } from 'node:crypto';

import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { computeEntryHash } from '../hashing/entry-hash';
import { recordAudit } from '../recording/record-audit';
import { AuditEntry } from '../storage/audit-entry';
import { AuditEntryRow, fromAuditEntryRow } from '../storage/audit-entry-row';
import { buildAuditInput } from '../testing/audit-input.factory';
import { openMigratedDataSource } from '../testing/migrated-data-source';
import { verifyAuditChain } from './verify-audit-chain';

describe('verifyAuditChain', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await openMigratedDataSource({ kind: 'url', url: database.url });
  });

  afterEach(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function recordChain(length: number, companyId = randomUUID()): Promise<AuditEntry[]> {
    for (let count = 0; count < length; count++) {
      await dataSource.transaction((manager) =>
        recordAudit(manager, buildAuditInput({ companyId, details: { count } })),
      );
    }

    const rows = await dataSource.query<AuditEntryRow[]>(
      'SELECT * FROM audit.audit_entries WHERE company_id = $1 ORDER BY sequence',
      [companyId],
    );
    return rows.map(fromAuditEntryRow);
  }

  /**
   * Acts as an attacker with superuser rights: in replica mode the database fires no
   * ordinary triggers, so the append-only guard does not stop the statements.
   */
  async function tamper(statements: [string, unknown[]][]): Promise<void> {
    const client = new Client({ connectionString: database.url });
    await client.connect();

    try {
      await client.query('SET session_replication_role = replica');
      for (const [sql, params] of statements) {
        await client.query(sql, params);
      }
    } finally {
      await client.end();
    }
  }

  it('should accept intact chains of every company', async () => {
    await recordChain(4);
    await recordChain(3);

    expect(await verifyAuditChain(dataSource)).toEqual({ ok: true, companies: 2, entries: 7 });
  });

  it('should walk a chain longer than one page', async () => {
    const chain = await recordChain(10);

    const result = await verifyAuditChain(dataSource, { pageSize: 3 });

    expect(result).toEqual({ ok: true, companies: 1, entries: chain.length });
  });

  it('should catch an edited entry and name it', async () => {
    const chain = await recordChain(5);

    await tamper([
      [`UPDATE audit.audit_entries SET details = '{"count": 99}' WHERE id = $1`, [chain[1].id]],
    ]);

    expect(await verifyAuditChain(dataSource, { pageSize: 2 })).toMatchObject({
      ok: false,
      companyId: chain[0].companyId,
      sequence: 2,
      entryId: chain[1].id,
      reason: 'content_edited',
    });
  });

  it('should catch a deleted entry and name the entry after the gap', async () => {
    const chain = await recordChain(5);

    await tamper([['DELETE FROM audit.audit_entries WHERE id = $1', [chain[2].id]]]);

    expect(await verifyAuditChain(dataSource)).toMatchObject({
      ok: false,
      sequence: 4,
      entryId: chain[3].id,
      reason: 'entry_deleted',
    });
  });

  it('should catch a forged entry slipped into the middle and name it', async () => {
    const chain = await recordChain(5);
    const forgedContent = {
      ...chain[2],
      id: randomUUID(),
      details: { count: -1 },
      previousHash: chain[1].hash,
    };
    const forged = { ...forgedContent, hash: computeEntryHash(forgedContent) };

    // Make room at sequence 3, last entry first so the unique sequence holds at each step.
    const shifts = chain
      .slice(2)
      .reverse()
      .map((entry): [string, unknown[]] => [
        'UPDATE audit.audit_entries SET sequence = sequence + 1 WHERE id = $1',
        [entry.id],
      ]);
    await tamper([
      ...shifts,
      [
        `INSERT INTO audit.audit_entries (id, company_id, sequence, occurred_at, actor_type,
           actor_id, action, resource_type, resource_id, outcome, request_id, details,
           previous_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          forged.id,
          forged.companyId,
          forged.sequence,
          forged.occurredAt,
          forged.actorType,
          forged.actorId,
          forged.action,
          forged.resourceType,
          forged.resourceId,
          forged.outcome,
          forged.requestId,
          JSON.stringify(forged.details),
          forged.previousHash,
          forged.hash,
        ],
      ],
    ]);

    expect(await verifyAuditChain(dataSource)).toMatchObject({
      ok: false,
      sequence: 3,
      entryId: forged.id,
      reason: 'entry_inserted',
    });
  });

  it('should name the first break of the company asked for and ignore the others', async () => {
    const broken = await recordChain(4);
    const intact = await recordChain(2);

    await tamper([
      [`UPDATE audit.audit_entries SET action = 'forged' WHERE id = $1`, [broken[3].id]],
      [`UPDATE audit.audit_entries SET action = 'forged' WHERE id = $1`, [broken[1].id]],
    ]);

    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: false, sequence: 2 });
    expect(await verifyAuditChain(dataSource, { companyId: intact[0].companyId })).toEqual({
      ok: true,
      companies: 1,
      entries: 2,
    });
  });
});
