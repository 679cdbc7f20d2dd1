import { randomUUID } from 'node:crypto';

import { buildAuthContext } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { ReviewReportService } from '../evidence/review-report.service';
import { RecordingOnlyMailer } from '../notifications/review-mailer';
import { ReviewNotifier } from '../notifications/review-notifier.service';
import { identityProjector } from '../projection/identity-projector';
import { ReviewerEmails } from '../projection/reviewer-emails';
import {
  AccessReviewTestDatabase,
  openAccessReviewTestDatabase,
} from '../testing/access-review-test-database';
import { CampaignStarter } from './campaign-starter.service';

describe('unassigned access review items', () => {
  let testDatabase: AccessReviewTestDatabase;
  let dataSource: DataSource;
  let starter: CampaignStarter;
  let reports: ReviewReportService;
  const clock = { now: () => new Date('2027-01-02T00:00:00Z') };

  beforeAll(async () => {
    testDatabase = await openAccessReviewTestDatabase('unassigned-test');
    const { encryption } = testDatabase;
    dataSource = testDatabase.dataSource;
    const notifier = new ReviewNotifier(
      dataSource,
      new RecordingOnlyMailer(),
      new ReviewerEmails(dataSource, encryption),
    );
    starter = new CampaignStarter(dataSource, { nudge: () => undefined }, clock, notifier);
    reports = new ReviewReportService(dataSource, clock);
  });

  afterAll(async () => {
    await testDatabase?.close();
  });

  it('should flag an item with no manager and no other admin in the report and trail', async () => {
    const companyId = randomUUID();
    const auth = buildAuthContext({ companyId, actor: { type: 'system', id: 'schedule' } });

    // The only admin has no manager, was last seen in 2026-06 (past 90 days), and may not
    // review their own access: nobody is left to review it.
    await dataSource.transaction(async (manager) => {
      await identityProjector.userCreated(manager, companyId, {
        userId: 'solo',
        createdAt: '2026-01-01T00:00:00Z',
      });
      await identityProjector.roleGranted(manager, companyId, {
        userId: 'solo',
        role: 'admin',
        grantedBy: 'solo',
        grantedAt: '2026-01-01T00:00:00Z',
      });
      await identityProjector.userActive(manager, companyId, {
        userId: 'solo',
        kind: 'login',
        at: '2026-06-01T00:00:00Z',
        roles: ['admin'],
      });
    });

    const { review } = await starter.start({ period: '2027-Q1', trigger: 'schedule' }, auth);
    const report = await reports.build(review.id, auth);

    expect(report.items).toEqual([
      expect.objectContaining({ userId: 'solo', reviewerId: null, reviewerSource: 'none' }),
    ]);
    expect(report.unassigned).toEqual({ items: 1, itemIds: [report.items[0].id] });

    const trail: { outcome: string; details: unknown }[] = await dataSource.query(
      `SELECT outcome, details FROM audit.audit_entries
       WHERE company_id = $1 AND action = 'access-review.items-unassigned'`,
      [companyId],
    );
    expect(trail).toEqual([{ outcome: 'failure', details: { items: 1, userIds: ['solo'] } }]);
  });
});
