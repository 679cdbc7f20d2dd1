import { randomBytes, randomUUID } from 'node:crypto';

import { auditMigrations } from '@compliance/audit';
import { createFieldEncryption, cryptoMigrations } from '@compliance/crypto';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { buildAuthContext, createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { ReviewReportService } from '../evidence/review-report.service';
import { accessReviewMigrations } from '../migrations/access-review.migrations';
import { RecordingOnlyMailer } from '../notifications/review-mailer';
import { ReviewNotifier } from '../notifications/review-notifier.service';
import { identityProjector } from '../projection/identity-projector';
import { ReviewerEmails } from '../projection/reviewer-emails';
import { CampaignStarter } from './campaign-starter.service';

describe('unassigned access review items', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let starter: CampaignStarter;
  let reports: ReviewReportService;
  const clock = { now: () => new Date('2027-01-02T00:00:00Z') };

  beforeAll(async () => {
    database = await createTestDatabase();
    const endpoint = { kind: 'url' as const, url: database.url };
    await runMigrations(endpoint, [auditMigrations, cryptoMigrations, accessReviewMigrations]);
    dataSource = await openDataSource({
      endpoint,
      entities: [],
      poolSize: 4,
      applicationName: 'unassigned-test',
    });
    const encryption = await createFieldEncryption(dataSource, {
      kind: 'local',
      environment: 'test',
      masterKey: randomBytes(32).toString('base64'),
    });
    const notifier = new ReviewNotifier(
      dataSource,
      new RecordingOnlyMailer(),
      new ReviewerEmails(dataSource, encryption),
    );
    starter = new CampaignStarter(dataSource, { nudge: () => undefined }, clock, notifier);
    reports = new ReviewReportService(dataSource, clock);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
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
