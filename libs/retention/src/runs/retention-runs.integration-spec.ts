import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { AuthContext, RetentionPreview } from '@compliance/contracts';
import { buildAuthContext } from '@compliance/testing';

import { decodeArchive } from '../archive/archive-codec';
import { countRows, exists, seedContact } from '../testing/crm-test-records';
import { openRetentionTestBed, RetentionTestBed } from '../testing/retention-test-bed';

describe('RetentionRunsService', () => {
  let bed: RetentionTestBed;
  let auth: AuthContext;

  beforeAll(async () => {
    bed = await openRetentionTestBed();
  });

  afterAll(async () => {
    await bed.close();
  });

  beforeEach(() => {
    // A company per test: no test sees another's records or policies.
    auth = buildAuthContext();
  });

  async function policy(overrides: Record<string, unknown> = {}) {
    return bed.policies.create(
      {
        name: `policy-${randomUUID()}`,
        entity: 'contact',
        periodDays: 365,
        dateField: 'created_at',
        method: 'hard',
        conditions: [],
        schedule: '0 2 * * *',
        active: true,
        softDeleteColumn: null,
        ...overrides,
      },
      auth,
    );
  }

  async function runToEnd(
    policyId: string,
    options: { previewId?: string; maxGrowthPercent?: number } = {},
  ) {
    const row = await bed.policies.row(policyId, auth.companyId);
    const run = await bed.runs.start(row, auth, { trigger: 'cli', ...options });
    const outcome = await bed.executor.execute(run!.id);
    const logs = await bed.logs.list({ runId: run!.id, limit: 50, offset: 0 }, auth);

    return { outcome, logs: new Map(logs.items.map((log) => [log.entity, log])) };
  }

  async function preview(policyId: string): Promise<RetentionPreview> {
    const answer = await bed.runs.handle(
      { id: policyId, preview: true, maxGrowthPercent: 0 },
      auth,
    );
    return answer as RetentionPreview;
  }

  it('should delete exactly what the preview counted, children first', async () => {
    const expired = await Promise.all(
      [400, 500, 800].map((ageDays) =>
        seedContact(bed.dataSource, auth.companyId, { ageDays, leads: 2, activities: 3 }),
      ),
    );
    const fresh = await seedContact(bed.dataSource, auth.companyId, {
      ageDays: 10,
      leads: 1,
      activities: 1,
    });
    const created = await policy();

    const previewed = await preview(created.id);
    const figures = new Map(previewed.entities.map((entity) => [entity.entity, entity]));
    const { outcome, logs } = await runToEnd(created.id);

    expect(outcome.status).toBe('completed');
    // 3 expired contacts, each with 2 leads and 3 activities.
    expect(figures.get('contact')).toMatchObject({ matched: 3, skipped: 0, affected: 3 });
    expect(figures.get('lead')?.affected).toBe(6);
    expect(figures.get('activity')?.affected).toBe(9);
    for (const [entity, figure] of figures) {
      expect(logs.get(entity)?.deleted).toBe(figure.affected);
    }
    expect(figures.get('contact')?.sampleIds.sort()).toEqual(expired.map((c) => c.id).sort());
    expect(await exists(bed.dataSource, fresh.id)).toBe(true);
    expect(await countRows(bed.dataSource, 'contacts', auth.companyId)).toBe(1);
    expect(await countRows(bed.dataSource, 'activities', auth.companyId)).toBe(1);
  });

  it('should only mark records with a soft policy and match them once', async () => {
    const old = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400, leads: 1 });
    const created = await policy({ method: 'soft', softDeleteColumn: 'deleted_at' });

    const first = await runToEnd(created.id);
    const second = await runToEnd(created.id);
    const [row]: { deleted_at: Date | null }[] = await bed.dataSource.query(
      'SELECT deleted_at FROM crm_test.contacts WHERE id = $1',
      [old.id],
    );

    expect(first.logs.get('contact')).toMatchObject({ matched: 1, deleted: 1 });
    expect(first.logs.has('lead')).toBe(false);
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect(await countRows(bed.dataSource, 'leads', auth.companyId)).toBe(1);
    expect(second.logs.get('contact')).toMatchObject({ matched: 0, deleted: 0 });
  });

  it('should write an archive that reads back before deleting what it holds', async () => {
    const old = await seedContact(bed.dataSource, auth.companyId, {
      ageDays: 400,
      leads: 1,
      activities: 2,
    });
    const created = await policy({ method: 'archive' });

    const { logs } = await runToEnd(created.id);
    const folder = logs.get('contact')!.archiveLocation!;
    const files = await readdir(join(folder, '..'));
    const records = decodeArchive(await readFile(folder));

    expect(folder.startsWith(join(bed.archiveDir, auth.companyId))).toBe(true);
    expect(files.filter((file) => file.endsWith('.jsonl.gz'))).toHaveLength(1);
    expect(logs.get('contact')).toMatchObject({ archived: 1, deleted: 1 });
    expect(logs.get('activity')).toMatchObject({ archived: 2, deleted: 2 });
    expect(records.find((record) => record.entity === 'contact')?.record).toMatchObject({
      id: old.id,
      email: old.email,
    });
    expect(records).toHaveLength(4);
    expect(await exists(bed.dataSource, old.id)).toBe(false);
  });

  it('should keep held, restricted and filtered records and count them as skipped', async () => {
    const [held, restricted, vip, heldChild, plain] = await Promise.all([
      seedContact(bed.dataSource, auth.companyId, { ageDays: 400 }),
      seedContact(bed.dataSource, auth.companyId, { ageDays: 400, activities: 1 }),
      seedContact(bed.dataSource, auth.companyId, { ageDays: 400, status: 'vip' }),
      seedContact(bed.dataSource, auth.companyId, { ageDays: 400, leads: 1 }),
      seedContact(bed.dataSource, auth.companyId, { ageDays: 400, leads: 1 }),
    ]);
    await bed.holds.create(
      {
        reason: 'litigation',
        scope: 'subject',
        subject: { kind: 'email', value: held.email },
        conditions: [],
      },
      auth,
    );
    await bed.blocks.open({
      companyId: auth.companyId,
      subject: { kind: 'email', value: restricted.email },
      reason: 'restriction',
      sourceId: randomUUID(),
    });
    await bed.holds.create(
      {
        reason: 'vip accounts',
        scope: 'filter',
        entity: 'contact',
        conditions: [{ field: 'status', operator: 'eq', value: 'vip' }],
      },
      auth,
    );
    await bed.holds.create(
      {
        reason: 'one lead under audit',
        scope: 'filter',
        entity: 'lead',
        conditions: [{ field: 'id', operator: 'in', value: [heldChild.leadIds[0]] }],
      },
      auth,
    );
    const created = await policy();

    const previewed = await preview(created.id);
    const { logs } = await runToEnd(created.id);

    expect(previewed.entities.find((e) => e.entity === 'contact')).toMatchObject({
      matched: 5,
      skipped: 4,
      affected: 1,
    });
    expect(logs.get('contact')).toMatchObject({ matched: 5, skipped: 4, deleted: 1 });
    for (const kept of [held, restricted, vip, heldChild]) {
      expect(await exists(bed.dataSource, kept.id)).toBe(true);
    }
    expect(await exists(bed.dataSource, plain.id)).toBe(false);
  });

  it('should purge a leaf entity in one statement a batch, sparing a held parent', async () => {
    const held = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400, activities: 2 });
    const plain = await seedContact(bed.dataSource, auth.companyId, {
      ageDays: 400,
      activities: 5,
    });
    await bed.holds.create(
      {
        reason: 'case',
        scope: 'subject',
        subject: { kind: 'email', value: held.email },
        conditions: [],
      },
      auth,
    );
    const created = await policy({ entity: 'activity', dateField: 'occurred_at' });

    const previewed = await preview(created.id);
    const { logs } = await runToEnd(created.id);

    // Batches of 3 over 7 activities: the 2 of the held contact stay.
    expect(previewed.entities[0]).toMatchObject({ matched: 7, skipped: 2, affected: 5 });
    expect(logs.get('activity')).toMatchObject({ matched: 7, skipped: 2, deleted: 5 });
    expect(await countRows(bed.dataSource, 'activities', auth.companyId)).toBe(2);
    expect(await exists(bed.dataSource, plain.id)).toBe(true);
  });

  it('should delete a held record once its hold is released', async () => {
    const held = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });
    const hold = await bed.holds.create(
      { reason: 'case', scope: 'entity', entity: 'contact', conditions: [] },
      auth,
    );
    const created = await policy();

    const before = await runToEnd(created.id);
    await bed.holds.release(hold.id, auth);
    const after = await runToEnd(created.id);

    expect(before.logs.get('contact')).toMatchObject({ skipped: 1, deleted: 0 });
    expect(after.logs.get('contact')).toMatchObject({ skipped: 0, deleted: 1 });
    expect(await exists(bed.dataSource, held.id)).toBe(false);
  });

  it('should resume a stopped run from its cursor without counting twice', async () => {
    const seeded = await Promise.all(
      Array.from({ length: 8 }, () =>
        seedContact(bed.dataSource, auth.companyId, { ageDays: 400, activities: 1 }),
      ),
    );
    const created = await policy();
    const row = await bed.policies.row(created.id, auth.companyId);
    const run = await bed.runs.start(row, auth, { trigger: 'cli' });
    const stop = new AbortController();
    stop.abort();

    // Batches of 3: the stop lands after the first batch, leaving 5 of 8.
    const stopped = await bed.executor.execute(run!.id, { signal: stop.signal });
    const midway = await countRows(bed.dataSource, 'contacts', auth.companyId);
    const resumed = await bed.executor.execute(run!.id);
    const logs = await bed.logs.list({ runId: run!.id, limit: 10, offset: 0 }, auth);
    const contact = logs.items.find((log) => log.entity === 'contact');

    expect(stopped.status).toBe('running');
    expect(midway).toBe(seeded.length - 3);
    expect(resumed.status).toBe('completed');
    expect(contact).toMatchObject({ matched: 8, deleted: 8, status: 'completed' });
    expect(logs.items.find((log) => log.entity === 'activity')?.deleted).toBe(8);
    expect(await countRows(bed.dataSource, 'contacts', auth.companyId)).toBe(0);
  });

  it('should refuse a run bound to a preview when the set grew past the margin', async () => {
    await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });
    await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });
    const created = await policy();
    const previewed = await preview(created.id);
    await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });

    // Approved 2, now 3: a 50 % growth passes a 50 % margin and fails a 10 % one.
    await expect(
      bed.runs.handle(
        { id: created.id, preview: false, previewId: previewed.previewId, maxGrowthPercent: 10 },
        auth,
      ),
    ).rejects.toMatchObject({ code: 'conflict' });

    const { logs } = await runToEnd(created.id, {
      previewId: previewed.previewId,
      maxGrowthPercent: 50,
    });
    expect(logs.get('contact')?.deleted).toBe(3);
  });

  it('should let the longer of two rules on the same records win', async () => {
    const twoYears = await seedContact(bed.dataSource, auth.companyId, {
      ageDays: 800,
      status: 'customer',
    });
    const oneYear = await seedContact(bed.dataSource, auth.companyId, {
      ageDays: 400,
      status: 'customer',
    });
    const prospect = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });
    const short = await policy({ periodDays: 365 });
    await policy({
      periodDays: 730,
      conditions: [{ field: 'status', operator: 'eq', value: 'customer' }],
    });

    const { logs } = await runToEnd(short.id);

    // The 365-day rule covers everyone; customers are also covered by the 730-day rule,
    // so a 400-day-old customer stays while an 800-day-old one and the prospect go.
    expect(logs.get('contact')?.deleted).toBe(2);
    expect(await exists(bed.dataSource, oneYear.id)).toBe(true);
    expect(await exists(bed.dataSource, twoYears.id)).toBe(false);
    expect(await exists(bed.dataSource, prospect.id)).toBe(false);
  });

  it('should not reveal or run another company’s policy', async () => {
    const created = await policy();
    const stranger = buildAuthContext();

    await expect(
      bed.runs.handle({ id: created.id, preview: true, maxGrowthPercent: 0 }, stranger),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
