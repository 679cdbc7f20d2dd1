import { randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';
import { buildAuthContext } from '@compliance/testing';

import { countRows, seedContact } from '../testing/crm-test-records';
import { openRetentionTestBed, RetentionTestBed } from '../testing/retention-test-bed';
import { LeafBatches } from './leaf-batches';
import { purgeScopeOf } from './purge-scope.factory';

const DAY_MS = 24 * 60 * 60 * 1000;

describe(LeafBatches.name, () => {
  let bed: RetentionTestBed;
  let auth: AuthContext;

  beforeAll(async () => {
    bed = await openRetentionTestBed({ batchSize: 50, pauseMs: 0, cron: '0 2 * * *' });
  });

  afterAll(async () => {
    await bed.close();
  });

  beforeEach(() => {
    auth = buildAuthContext();
  });

  /** `count` activities, alternating between the contacts, so both span every block. */
  async function seedActivities(contactIds: string[], count: number, ageDays = 400): Promise<void> {
    await bed.dataSource.query(
      `INSERT INTO crm_test.activities (company_id, contact_id, note, occurred_at)
       SELECT $1, ($2::uuid[])[1 + n % cardinality($2::uuid[])], repeat('n', 80), $3
       FROM generate_series(0, $4 - 1) AS n`,
      [auth.companyId, contactIds, new Date(Date.now() - ageDays * DAY_MS), count],
    );
  }

  async function startRun() {
    const created = await bed.policies.create(
      {
        name: `activities-${randomUUID()}`,
        entity: 'activity',
        periodDays: 365,
        dateField: 'occurred_at',
        method: 'hard',
        conditions: [],
        schedule: '0 2 * * *',
        active: true,
        softDeleteColumn: null,
      },
      auth,
    );
    const row = await bed.policies.row(created.id, auth.companyId);
    return (await bed.runs.start(row, auth, { trigger: 'cli' }))!;
  }

  /** Purges the company's activities past 365 days as one pass does; what each batch deleted. */
  async function purgeInBatches(batchSize: number): Promise<number[]> {
    const owner = await bed.catalog.require('activity');
    const rule = {
      company_id: auth.companyId,
      conditions: [],
      date_field: 'occurred_at',
      method: 'hard' as const,
      period_days: 365,
      soft_delete_column: null,
    };
    const scope = purgeScopeOf(owner, rule, [], new Date());
    const leaf = new LeafBatches(batchSize);
    // One transaction a batch, as the executor runs them.
    const nextBatch = (cursor: string | null) =>
      bed.dataSource.transaction((manager) => leaf.next(manager, scope, [], cursor));
    const deleted: number[] = [];

    for (let batch = await nextBatch(null); batch; batch = await nextBatch(batch.cursor)) {
      deleted.push(batch.deleted);
    }

    return deleted;
  }

  /** Rows a block holds by the last VACUUM or ANALYZE, and as the heap stands now. */
  async function rowsPerBlock(): Promise<{ analysed: number; now: number }> {
    const [density]: { analysed: number; now: number }[] = await bed.dataSource.query(
      `SELECT reltuples / relpages AS analysed,
         (SELECT count(*) FROM crm_test.activities)::float8 /
           (pg_relation_size(oid) / current_setting('block_size')::int) AS now
       FROM pg_class WHERE oid = 'crm_test.activities'::regclass`,
    );
    return density;
  }

  async function logOf(runId: string) {
    const logs = await bed.logs.list({ runId, limit: 10, offset: 0 }, auth);
    return logs.items.find((log) => log.entity === 'activity')!;
  }

  it('should delete across many blocks, spare a held parent, resume with no recount', async () => {
    const held = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });
    const plain = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });
    await seedActivities([held.id, plain.id], 2_000);
    await bed.holds.create(
      {
        reason: 'case',
        scope: 'subject',
        subject: { kind: 'email', value: held.email },
        conditions: [],
      },
      auth,
    );
    const run = await startRun();
    const stop = new AbortController();
    stop.abort();

    const first = await bed.executor.execute(run.id, { signal: stop.signal });
    const afterFirst = await logOf(run.id);
    const second = await bed.executor.execute(run.id);
    const log = await logOf(run.id);

    expect(first.status).toBe('running');
    expect(afterFirst.deleted).toBeGreaterThan(0);
    expect(afterFirst.deleted).toBeLessThan(1_000);
    expect(second.status).toBe('completed');
    // 2,000 activities, half of them the held contact's: 1,000 go, 1,000 stay, once each.
    expect(log).toMatchObject({ matched: 2_000, deleted: 1_000, skipped: 1_000 });
    expect(await countRows(bed.dataSource, 'activities', auth.companyId)).toBe(1_000);
  });

  it('should leave fresh rows and other companies’ rows in the same blocks alone', async () => {
    const other = buildAuthContext();
    const mine = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });
    const theirs = await seedContact(bed.dataSource, other.companyId, { ageDays: 400 });
    await seedActivities([mine.id], 300);
    await bed.dataSource.query(
      `INSERT INTO crm_test.activities (company_id, contact_id, occurred_at)
       SELECT $1, $2, now() FROM generate_series(1, 200)`,
      [auth.companyId, mine.id],
    );
    await bed.dataSource.query(
      `INSERT INTO crm_test.activities (company_id, contact_id, occurred_at)
       SELECT $1, $2, now() - interval '400 days' FROM generate_series(1, 200)`,
      [other.companyId, theirs.id],
    );
    const run = await startRun();

    await bed.executor.execute(run.id);

    expect(await logOf(run.id)).toMatchObject({ matched: 300, deleted: 300, skipped: 0 });
    expect(await countRows(bed.dataSource, 'activities', auth.companyId)).toBe(200);
    expect(await countRows(bed.dataSource, 'activities', other.companyId)).toBe(200);
  });

  it('should reach the rows of an inheritance child, outside the parent’s own heap', async () => {
    const contact = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });
    await bed.dataSource.query(
      'CREATE TABLE crm_test.activities_2020 () INHERITS (crm_test.activities)',
    );

    try {
      await bed.dataSource.query(
        `INSERT INTO crm_test.activities_2020 (company_id, contact_id, note, occurred_at)
         SELECT $1, $2, repeat('n', 200), now() - interval '400 days'
         FROM generate_series(1, 5000)`,
        [auth.companyId, contact.id],
      );
      const run = await startRun();

      await bed.executor.execute(run.id);

      // The child's 5,000 rows fill more blocks than the parent's own heap has.
      expect(await logOf(run.id)).toMatchObject({ matched: 5_000, deleted: 5_000, skipped: 0 });
      expect(await countRows(bed.dataSource, 'activities', auth.companyId)).toBe(0);
    } finally {
      await bed.dataSource.query('DROP TABLE crm_test.activities_2020');
    }
  });

  it('should keep each batch within the batch size though rows came after ANALYZE', async () => {
    const contact = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400 });
    // This test's rows alone, so the heap is as even as the statistics assume; and no
    // autovacuum, so they stay as stale as the test makes them.
    await bed.dataSource.query('TRUNCATE crm_test.activities');
    await bed.dataSource.query('ALTER TABLE crm_test.activities SET (autovacuum_enabled = off)');

    try {
      // Measured when 1 row in 20 was left, some 2.5 a block: VACUUM records the freed
      // space, ANALYZE the thin heap. The fill goes into that space, some 50 a block, so a
      // batch of 1,000 sized by the statistics would read 400 blocks: nearly all 20,000.
      await seedActivities([contact.id], 20_000, 0);
      await bed.dataSource.query('DELETE FROM crm_test.activities WHERE id % 20 <> 0');
      await bed.dataSource.query('VACUUM ANALYZE crm_test.activities');
      await seedActivities([contact.id], 20_000);
      const density = await rowsPerBlock();

      const batches = await purgeInBatches(1_000);

      expect(density.now).toBeGreaterThan(10 * density.analysed);
      expect(Math.max(...batches)).toBeLessThanOrEqual(1_000);
      // 20,000 expired go; the 1,000 fresh survivors of the thinning stay.
      expect(batches.reduce((sum, deleted) => sum + deleted, 0)).toBe(20_000);
      expect(await countRows(bed.dataSource, 'activities', auth.companyId)).toBe(1_000);
    } finally {
      await bed.dataSource.query('ALTER TABLE crm_test.activities RESET (autovacuum_enabled)');
    }
  });
});
