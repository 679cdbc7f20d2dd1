import { randomUUID } from 'node:crypto';

import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { canonicalJson } from '../hashing/canonical-json';
import { GENESIS_HASH } from '../hashing/entry-hash';
import { buildAuditInput } from '../testing/audit-input.factory';
import { openMigratedDataSource } from '../testing/migrated-data-source';
import { verifyAuditChain } from '../verification/verify-audit-chain';
import { recordAudit } from './record-audit';

describe('recordAudit', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openMigratedDataSource({ kind: 'url', url: database.url });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  function record(input = buildAuditInput()) {
    return dataSource.transaction((manager) => recordAudit(manager, input));
  }

  it('should chain each entry of a company to the one before it', async () => {
    const companyId = randomUUID();

    const first = await record(buildAuditInput({ companyId }));
    const second = await record(buildAuditInput({ companyId }));
    const third = await record(buildAuditInput({ companyId, outcome: 'denied' }));

    expect([first.sequence, second.sequence, third.sequence]).toEqual([1, 2, 3]);
    expect(first.previousHash).toBe(GENESIS_HASH);
    expect(second.previousHash).toBe(first.hash);
    expect(third.previousHash).toBe(second.hash);
    expect(await verifyAuditChain(dataSource, { companyId })).toEqual({
      ok: true,
      companies: 1,
      entries: 3,
    });
  });

  it('should number each company from 1 on its own', async () => {
    const one = await record(buildAuditInput({ companyId: randomUUID() }));
    const other = await record(buildAuditInput({ companyId: randomUUID() }));

    expect([one.sequence, other.sequence]).toEqual([1, 1]);
  });

  it('should give 20 parallel writers of one company a gap-free, valid chain', async () => {
    const companyId = randomUUID();

    const entries = await Promise.all(
      Array.from({ length: 20 }, (_unused, index) =>
        record(buildAuditInput({ companyId, details: { index } })),
      ),
    );

    const sequences = entries.map((entry) => entry.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_unused, index) => index + 1));
    expect(await verifyAuditChain(dataSource, { companyId })).toMatchObject({
      ok: true,
      entries: 20,
    });
  });

  it('should leave no trace, and no gap, when the caller rolls back', async () => {
    const companyId = randomUUID();
    await record(buildAuditInput({ companyId }));

    const rolledBack = dataSource.transaction(async (manager) => {
      await recordAudit(manager, buildAuditInput({ companyId }));
      throw new Error('the recorded change failed');
    });
    await expect(rolledBack).rejects.toThrow('the recorded change failed');
    const next = await record(buildAuditInput({ companyId }));

    expect(next.sequence).toBe(2);
    expect(await verifyAuditChain(dataSource, { companyId })).toMatchObject({ ok: true });
  });

  it('should hash details that read back from jsonb to the same canonical form', async () => {
    const details = {
      zeta: { nested: { deeper: [3, 2, 1], b: true, a: null } },
      a: 'é 漢字 🎉 עברית \u200d "quoted" \\ back\nslash',
      longerKeyFirst: 1,
      numbers: [0.1, -0, 1e21, 5e-324, 1.7976931348623157e308, -42, 1.5e-7, 123456789.123],
      empty: { list: [], object: {} },
    };

    const companyId = randomUUID();

    const entry = await record(buildAuditInput({ companyId, details }));
    const [row] = await dataSource.query('SELECT details FROM audit.audit_entries WHERE id = $1', [
      entry.id,
    ]);

    expect(canonicalJson(row.details)).toBe(canonicalJson(details));
    expect(await verifyAuditChain(dataSource, { companyId })).toEqual({
      ok: true,
      companies: 1,
      entries: 1,
    });
  });

  it('should stamp entries with milliseconds in sequence order', async () => {
    const companyId = randomUUID();

    const first = await record(buildAuditInput({ companyId }));
    const second = await record(buildAuditInput({ companyId }));

    expect(first.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(second.occurredAt)).toBeGreaterThanOrEqual(Date.parse(first.occurredAt));
  });

  it('should refuse to record outside a transaction', async () => {
    const input = buildAuditInput();

    await expect(recordAudit(dataSource.manager, input)).rejects.toThrow(/transaction/);
  });

  it('should refuse personal data before touching the database', async () => {
    const companyId = randomUUID();
    const input = buildAuditInput({ companyId, details: { subject: { email: 'x' } } });

    await expect(record(input)).rejects.toThrow(/personal data/);
    expect(await verifyAuditChain(dataSource, { companyId })).toEqual({
      ok: true,
      companies: 0,
      entries: 0,
    });
  });
});
