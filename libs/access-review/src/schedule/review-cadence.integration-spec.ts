import { randomUUID } from 'node:crypto';

import { buildAuthContext } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { RecordingOnlyMailer } from '../notifications/review-mailer';
import { reviewSettingsFromPolicies } from '../policy/policy-review-settings';
import { identityProjector } from '../projection/identity-projector';
import { updateReviewSettings } from '../settings/review-settings.store';
import {
  AccessReviewTestDatabase,
  openAccessReviewTestDatabase,
} from '../testing/access-review-test-database';
import { createReviewRunner } from './review-runner.factory';
import { ReviewRunner, RunSummary } from './review-runner.service';

const MONTHLY_POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: monthly-reviews
spec:
  accessReview:
    cadence: monthly
`;

describe('scheduled campaigns follow each company’s cadence (PostgreSQL)', () => {
  let testDatabase: AccessReviewTestDatabase;
  let dataSource: DataSource;
  let replicas: ReviewRunner[];
  let now = new Date('2027-01-01T06:00:00Z');
  const clock = { now: () => now };
  const monthly = randomUUID();
  const quarterly = randomUUID();

  async function periods(companyId: string): Promise<string[]> {
    const rows: { period: string }[] = await dataSource.query(
      'SELECT period FROM access_review.reviews WHERE company_id = $1 ORDER BY opened_at',
      [companyId],
    );
    return rows.map((row) => row.period);
  }

  function opened(summary: RunSummary): string[] {
    return summary.started
      .filter((start) => start.created)
      .map((start) => `${start.companyId === monthly ? 'monthly' : 'quarterly'} ${start.period}`)
      .sort();
  }

  beforeAll(async () => {
    testDatabase = await openAccessReviewTestDatabase('review-cadence-test');
    const { encryption } = testDatabase;
    dataSource = testDatabase.dataSource;
    // Two replicas of the schedule on one database, as two pods would run it.
    replicas = [0, 1].map(() =>
      createReviewRunner(dataSource, new RecordingOnlyMailer(), encryption, clock),
    );

    await dataSource.transaction(async (manager) => {
      for (const companyId of [monthly, quarterly]) {
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
      }

      // What the applied-policy handler writes for the monthly company's policy.
      await updateReviewSettings(
        manager,
        buildAuthContext({ companyId: monthly }),
        reviewSettingsFromPolicies([MONTHLY_POLICY]),
      );
    });
  });

  afterAll(async () => {
    await testDatabase?.close();
  });

  it('should open a monthly period for the monthly policy and a quarter by default', async () => {
    const summary = await replicas[0].run({ trigger: 'schedule' });

    // 1 January opens both: month 01 for the monthly company, Q1 for the default one.
    expect(opened(summary)).toEqual(['monthly 2027-01', 'quarterly 2027-Q1']);
    expect(summary.notDue).toEqual([]);
  });

  it('should open nothing twice when both replicas run again at once', async () => {
    const [first, second] = await Promise.all(
      replicas.map((replica) => replica.run({ trigger: 'schedule' })),
    );

    expect([...opened(first), ...opened(second)]).toEqual([]);
    expect(await periods(monthly)).toEqual(['2027-01']);
    expect(await periods(quarterly)).toEqual(['2027-Q1']);
  });

  it('should open every month for the monthly company, the next quarter in April', async () => {
    const february = new Date('2027-02-01T06:00:00Z');
    const march = new Date('2027-03-01T06:00:00Z');
    const april = new Date('2027-04-01T06:00:00Z');
    const runs: Record<string, { opened: string[]; notDue: string[] }> = {};

    for (const moment of [february, march, april]) {
      now = moment;
      const results = await Promise.all(
        replicas.map((replica) => replica.run({ trigger: 'schedule' })),
      );

      runs[moment.toISOString().slice(0, 7)] = {
        opened: results.flatMap(opened).sort(),
        // Both replicas find the quarterly company not due in February and March.
        notDue: [...new Set(results.flatMap((result) => result.notDue.map((skip) => skip.period)))],
      };
    }

    // February and March are months 2 and 3 of Q1 (month index % 3 is 1 and 2): not due.
    // April (index 3, 3 % 3 = 0) opens Q2.
    expect(runs).toEqual({
      '2027-02': { opened: ['monthly 2027-02'], notDue: ['2027-Q1'] },
      '2027-03': { opened: ['monthly 2027-03'], notDue: ['2027-Q1'] },
      '2027-04': { opened: ['monthly 2027-04', 'quarterly 2027-Q2'], notDue: [] },
    });
    expect(await periods(monthly)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04']);
    expect(await periods(quarterly)).toEqual(['2027-Q1', '2027-Q2']);
  });
});
