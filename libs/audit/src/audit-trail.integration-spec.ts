import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EmbeddedDatabase, openEmbeddedDatabase } from '@compliance/persistence';
import { DataSource } from 'typeorm';

import { AuditTrail } from './audit-trail';
import { buildAuditInput } from './testing/audit-input.factory';
import { openMigratedDataSource } from './testing/migrated-data-source';

/** The embedded PostgreSQL the standalone mode runs on: the same migrations must hold there. */
describe('AuditTrail', () => {
  let dataDir: string;
  let embedded: EmbeddedDatabase;
  let dataSource: DataSource;
  let trail: AuditTrail;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'audit-pglite-'));
    embedded = await openEmbeddedDatabase(dataDir);
    dataSource = await openMigratedDataSource(embedded.endpoint);
    trail = new AuditTrail(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await embedded?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should record a chain that verifies', async () => {
    const companyId = randomUUID();

    const first = await trail.record(buildAuditInput({ companyId }));
    const second = await trail.record(buildAuditInput({ companyId, outcome: 'denied' }));

    expect([first.sequence, second.sequence]).toEqual([1, 2]);
    expect(second.previousHash).toBe(first.hash);
    expect(await trail.verify({ companyId })).toEqual({ ok: true, companies: 1, entries: 2 });
  });

  it('should keep parallel writers of one company in a gap-free chain', async () => {
    const companyId = randomUUID();

    await Promise.all(
      Array.from({ length: 10 }, (_unused, index) =>
        trail.record(buildAuditInput({ companyId, details: { index } })),
      ),
    );

    const page = await trail.list(companyId, { limit: 50, offset: 0 });
    expect(page.items.map((item) => item.sequence)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await trail.verify({ companyId })).toMatchObject({ ok: true, entries: 10 });
  });

  it("should record in the caller's transaction and roll back with it", async () => {
    const companyId = randomUUID();

    const failed = dataSource.transaction(async (manager) => {
      await trail.record(buildAuditInput({ companyId }), manager);
      throw new Error('the recorded change failed');
    });

    await expect(failed).rejects.toThrow('the recorded change failed');
    expect((await trail.list(companyId, { limit: 50, offset: 0 })).total).toBe(0);
  });

  it('should refuse to update or delete an entry', async () => {
    const entry = await trail.record(buildAuditInput());

    const update = dataSource.query(
      `UPDATE audit.audit_entries SET action = 'forged' WHERE id = $1`,
      [entry.id],
    );
    const remove = dataSource.query('DELETE FROM audit.audit_entries WHERE id = $1', [entry.id]);

    await expect(update).rejects.toThrow(/append-only: UPDATE is refused/);
    await expect(remove).rejects.toThrow(/append-only: DELETE is refused/);
  });
});
