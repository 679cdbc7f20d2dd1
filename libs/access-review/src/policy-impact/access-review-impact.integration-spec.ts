import { randomUUID } from 'node:crypto';

import {
  accessReviewImpact,
  AuthContext,
  ImpactReport,
  ImpactRequest,
} from '@compliance/contracts';
import { openDataSource } from '@compliance/persistence';
import { buildAuthContext, ServiceTestBed, startServiceTestBed } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { accessReviewService } from '../access-review-service.definition';
import { identityProjector } from '../projection/identity-projector';

const NOW = new Date('2027-03-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const ACTIVE_ID = '00000000-0000-4000-8000-0000000000a1';

function reviewPolicy(inactivityDays: number, autoRevoke = false): string {
  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: access-${inactivityDays}
spec:
  accessReview:
    cadence: quarterly
    inactivityDays: ${inactivityDays}
    autoRevoke: ${autoRevoke}
`;
}

describe('AccessReviewImpactService over NATS and PostgreSQL', () => {
  let bed: ServiceTestBed;
  const companyId = randomUUID();
  let dataSource: DataSource;

  async function impact(
    request: ImpactRequest,
    auth: AuthContext = buildAuthContext({ companyId }),
  ): Promise<Record<string, { current: number; candidate: number }>> {
    const report: ImpactReport = await bed.ask(accessReviewImpact, request, auth);
    expect(report.service).toBe('access-review');
    return Object.fromEntries(report.items.map(({ key, ...counts }) => [key, counts]));
  }

  /** Everything the service keeps for the company, to prove a dry-run wrote nothing. */
  async function snapshot(): Promise<unknown> {
    return dataSource.query(
      `SELECT
         (SELECT json_agg(u ORDER BY user_id) FROM access_review.users u
           WHERE company_id = $1) AS users,
         (SELECT json_agg(r ORDER BY user_id, role) FROM access_review.user_roles r
           WHERE company_id = $1) AS roles,
         (SELECT count(*) FROM access_review.settings WHERE company_id = $1) AS settings,
         (SELECT count(*) FROM access_review.reviews WHERE company_id = $1) AS reviews,
         (SELECT count(*) FROM audit.audit_entries WHERE company_id = $1) AS audit`,
      [companyId],
    );
  }

  beforeAll(async () => {
    bed = await startServiceTestBed(accessReviewService, 'access-review-impact');
    dataSource = await openDataSource({
      endpoint: { kind: 'url', url: bed.database.url },
      entities: [],
      poolSize: 2,
      applicationName: 'access-review-impact-test',
    });

    // Last seen 10, 45, 60 and 120 days ago; an admin with no activity at all is seen
    // from creation, 400 days ago.
    const seen: [string, number][] = [
      ['ann', 10],
      ['ben', 45],
      ['cat', 60],
      ['dan', 120],
    ];
    await dataSource.transaction(async (manager) => {
      for (const [userId, age] of [...seen, ['eve', 400] as [string, number]]) {
        await identityProjector.userCreated(manager, companyId, {
          userId,
          createdAt: daysAgo(400),
        });
        await identityProjector.roleGranted(manager, companyId, {
          userId,
          role: userId === 'eve' ? 'admin' : 'sales',
          grantedBy: 'eve',
          grantedAt: daysAgo(400),
        });
        if (userId !== 'eve') {
          await identityProjector.userActive(manager, companyId, {
            userId,
            kind: 'login',
            at: daysAgo(age),
            roles: ['sales'],
          });
        }
      }
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await bed?.close();
  });

  it('should flag more users when inactivityDays drops 90 to 30, changing nothing', async () => {
    const before = await snapshot();

    const counts = await impact({
      candidate: reviewPolicy(30),
      replacesPolicyId: ACTIVE_ID,
      active: [{ policyId: ACTIVE_ID, document: reviewPolicy(90) }],
      now: NOW.toISOString(),
    });

    // 90 days: Dan (120) and Eve (400, never seen). 30 days: Ben (45) and Cat (60) too.
    expect(counts['stale-users']).toEqual({ current: 2, candidate: 4 });
    expect(counts['inactive-users']).toEqual({ current: 2, candidate: 4 });
    expect(counts['revoked-if-undecided']).toEqual({ current: 0, candidate: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('should add the candidate to the policies in force when it replaces none', async () => {
    const counts = await impact({
      candidate: reviewPolicy(50, true),
      active: [{ policyId: ACTIVE_ID, document: reviewPolicy(90) }],
      now: NOW.toISOString(),
    });

    // The later document wins field by field, as when the settings follow applied policies.
    expect(counts['inactive-users']).toEqual({ current: 2, candidate: 3 });
    expect(counts['revoked-if-undecided']).toEqual({ current: 0, candidate: 3 });
  });

  it('should count only the caller company users', async () => {
    const counts = await impact(
      {
        candidate: reviewPolicy(30),
        active: [],
        now: NOW.toISOString(),
      },
      buildAuthContext({ companyId: randomUUID() }),
    );

    expect(counts['stale-users']).toEqual({ current: 0, candidate: 0 });
  });
});
