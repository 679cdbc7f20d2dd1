import { randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';
import { buildAuthContext } from '@compliance/testing';

import { countRows, seedContact } from '../testing/crm-test-records';
import { openRetentionTestBed, RetentionTestBed } from '../testing/retention-test-bed';
import { LeafBatches } from './leaf-batches';

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

  /** `count` expired activities, alternating between the contacts, so both span every block. */
  async function seedActivities(contactIds: string[], count: number): Promise<void> {
    await bed.dataSource.query(
      `INSERT INTO crm_test.activities (company_id, contact_id, note, occurred_at)
       SELECT $1, ($2::uuid[])[1 + n % cardinality($2::uuid[])], repeat('n', 80), $3
       FROM generate_series(0, $4 - 1) AS n`,
      [auth.companyId, contactIds, new Date(Date.now() - 400 * DAY_MS), count],
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
});
