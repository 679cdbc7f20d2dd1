import { randomUUID } from 'node:crypto';

import { buildAuthContext } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { CampaignStarter } from '../campaigns/campaign-starter.service';
import { RecordingOnlyMailer } from '../notifications/review-mailer';
import { ReviewNotifier } from '../notifications/review-notifier.service';
import { identityProjector } from '../projection/identity-projector';
import { ReviewerEmails } from '../projection/reviewer-emails';
import { createReviewRunner } from '../schedule/review-runner.factory';
import { ReviewRunner } from '../schedule/review-runner.service';
import {
  AccessReviewTestDatabase,
  openAccessReviewTestDatabase,
} from '../testing/access-review-test-database';
import { ReviewReportService } from './review-report.service';

const MINUTE_MS = 60_000;
const START = new Date('2027-01-02T00:00:00Z');

describe('expired report exports', () => {
  let testDatabase: AccessReviewTestDatabase;
  let dataSource: DataSource;
  let starter: CampaignStarter;
  let reports: ReviewReportService;
  let runner: ReviewRunner;
  let now = START;
  const clock = { now: () => now };

  async function exportAt(companyId: string, minutes: number): Promise<string> {
    const auth = buildAuthContext({ companyId });
    const [review]: { id: string }[] = await dataSource.query(
      'SELECT id FROM access_review.reviews WHERE company_id = $1',
      [companyId],
    );
    now = new Date(START.getTime() + minutes * MINUTE_MS);

    return (await reports.export(review.id, 'json', auth)).exportId;
  }

  async function exportsOf(companyId: string): Promise<string[]> {
    const rows: { id: string }[] = await dataSource.query(
      'SELECT id FROM access_review.report_exports WHERE company_id = $1 ORDER BY generated_at',
      [companyId],
    );
    return rows.map((row) => row.id);
  }

  async function pagesOf(exportId: string): Promise<number> {
    const [row]: { pages: number }[] = await dataSource.query(
      'SELECT count(*)::int AS pages FROM access_review.report_export_pages WHERE export_id = $1',
      [exportId],
    );
    return row.pages;
  }

  async function expiryEntries(companyId: string): Promise<unknown[]> {
    return dataSource.query(
      `SELECT actor_type, actor_id, resource_type, resource_id, details
       FROM audit.audit_entries
       WHERE company_id = $1 AND action = 'access-review.report-exports-expired'
       ORDER BY sequence`,
      [companyId],
    );
  }

  async function companyWithCampaign(): Promise<string> {
    const companyId = randomUUID();

    await dataSource.transaction(async (manager) => {
      await identityProjector.userCreated(manager, companyId, {
        userId: 'ann',
        createdAt: '2026-01-01T00:00:00Z',
      });
      await identityProjector.roleGranted(manager, companyId, {
        userId: 'ann',
        role: 'sales',
        grantedBy: 'admin',
        grantedAt: '2026-01-01T00:00:00Z',
      });
    });
    await starter.start(
      { period: '2027-Q1', trigger: 'schedule' },
      buildAuthContext({ companyId, actor: { type: 'system', id: 'schedule' } }),
    );
    return companyId;
  }

  beforeAll(async () => {
    testDatabase = await openAccessReviewTestDatabase('report-expiry-test');
    const { encryption } = testDatabase;
    dataSource = testDatabase.dataSource;
    const mailer = new RecordingOnlyMailer();
    const notifier = new ReviewNotifier(
      dataSource,
      mailer,
      new ReviewerEmails(dataSource, encryption),
    );
    starter = new CampaignStarter(dataSource, { nudge: () => undefined }, clock, notifier);
    reports = new ReviewReportService(dataSource, clock);
    runner = createReviewRunner(dataSource, mailer, encryption, clock);
  });

  afterAll(async () => {
    await testDatabase?.close();
  });

  it('should remove an expired export on the daily run without a new export', async () => {
    const stopped = await companyWithCampaign();
    const active = await companyWithCampaign();
    // Exports live 60 minutes: made at 00:00 and 00:30, they expire at 01:00 and 01:30.
    const expired = await exportAt(stopped, 0);
    const current = await exportAt(active, 30);
    const pages = await pagesOf(expired);
    expect(pages).toBeGreaterThan(0);

    now = new Date(START.getTime() + 75 * MINUTE_MS);
    const summary = await runner.processDue();

    // At 01:15 only the 00:00 export is past its time.
    expect(summary.reportsExpired).toBe(1);
    expect(await exportsOf(stopped)).toEqual([]);
    expect(await pagesOf(expired)).toBe(0);
    expect(await exportsOf(active)).toEqual([current]);
    expect(await expiryEntries(stopped)).toEqual([
      {
        actor_type: 'system',
        actor_id: 'access-review-expiry',
        resource_type: 'access-review-report',
        resource_id: null,
        details: { exports: 1, pages },
      },
    ]);
    expect(await expiryEntries(active)).toEqual([]);

    // A second replica's run at the same moment finds nothing left and records nothing.
    expect((await runner.processDue()).reportsExpired).toBe(0);
    expect(await expiryEntries(stopped)).toHaveLength(1);
  });

  it('should remove the company’s own expired export at its next export, audited too', async () => {
    const companyId = await companyWithCampaign();
    const first = await exportAt(companyId, 200);

    // 61 minutes later the first export has expired; exporting again removes it.
    const second = await exportAt(companyId, 261);

    expect(await exportsOf(companyId)).toEqual([second]);
    expect(first).not.toBe(second);
    expect(await expiryEntries(companyId)).toEqual([
      expect.objectContaining({ details: { exports: 1, pages: expect.any(Number) } }),
    ]);
  });
});
