import { randomUUID } from 'node:crypto';

import { FieldEncryption } from '@compliance/crypto';
import { buildAuthContext } from '@compliance/testing';
import fc from 'fast-check';
import { DataSource, EntityManager } from 'typeorm';

import { CampaignStarter } from '../campaigns/campaign-starter.service';
import { RecordingOnlyMailer } from '../notifications/review-mailer';
import { ReviewNotifier } from '../notifications/review-notifier.service';
import {
  AccessReviewTestDatabase,
  openAccessReviewTestDatabase,
} from '../testing/access-review-test-database';
import { identityProjector } from './identity-projector';
import { ReviewerEmails } from './reviewer-emails';

type IdentityEvent = (manager: EntityManager, companyId: string) => Promise<void>;

const users = ['u1', 'u2', 'u3'];
const roles = ['sales', 'admin'];
const at = fc
  .integer({ min: 0, max: 1000 })
  .map((minutes) => new Date(Date.UTC(2027, 0, 1) + minutes * 60_000).toISOString());
const user = fc.constantFrom(...users);
const role = fc.constantFrom(...roles);

const identityEvent: fc.Arbitrary<IdentityEvent> = fc.oneof(
  fc
    .record({ userId: user, createdAt: at })
    .map((e) => (m: EntityManager, c: string) => identityProjector.userCreated(m, c, e)),
  fc
    .record({ userId: user, deactivatedAt: at })
    .map((e) => (m: EntityManager, c: string) => identityProjector.userDeactivated(m, c, e)),
  fc
    .record({
      userId: user,
      at,
      kind: fc.constant('login' as const),
      roles: fc.subarray(roles),
    })
    .map((e) => (m: EntityManager, c: string) => identityProjector.userActive(m, c, e)),
  fc
    .record({ userId: user, role, grantedBy: user, grantedAt: at })
    .map((e) => (m: EntityManager, c: string) => identityProjector.roleGranted(m, c, e)),
  fc
    .record({ userId: user, role, revokedBy: user, revokedAt: at })
    .map((e) => (m: EntityManager, c: string) => identityProjector.roleRevoked(m, c, e)),
  fc
    .record({ userId: user, managerId: fc.option(user, { nil: null }), setAt: at })
    .map((e) => (m: EntityManager, c: string) => identityProjector.managerSet(m, c, e)),
);

describe('identity projection', () => {
  let testDatabase: AccessReviewTestDatabase;
  let dataSource: DataSource;
  let encryption: FieldEncryption;

  beforeAll(async () => {
    testDatabase = await openAccessReviewTestDatabase('projection-test', { poolSize: 8 });
    ({ dataSource, encryption } = testDatabase);
  });

  afterAll(async () => {
    await testDatabase.close();
  });

  async function project(events: IdentityEvent[]): Promise<unknown> {
    const companyId = randomUUID();

    await dataSource.transaction(async (manager) => {
      for (const apply of events) {
        await apply(manager, companyId);
      }
    });

    return dataSource.query(
      `SELECT 'u' AS kind, user_id, NULL AS role, to_jsonb(u) - 'company_id' AS row
       FROM access_review.users u WHERE company_id = $1
       UNION ALL
       SELECT 'r', user_id, role, to_jsonb(r) - 'company_id'
       FROM access_review.user_roles r WHERE company_id = $1
       ORDER BY 1, 2, 3`,
      [companyId],
    );
  }

  it('should give one projection for the same events in any order, replayed or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(identityEvent, { minLength: 1, maxLength: 25 })
          .chain((events) =>
            fc.tuple(
              fc.constant(events),
              fc.shuffledSubarray(events, { minLength: events.length }),
            ),
          ),
        async ([inOrder, shuffled]) => {
          const expected = await project(inOrder);

          expect(await project(shuffled)).toEqual(expected);
          expect(await project([...shuffled, ...inOrder])).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('should open one campaign per company and period when replicas race', async () => {
    const companyId = randomUUID();
    const clock = { now: () => new Date() };
    const notifier = new ReviewNotifier(
      dataSource,
      new RecordingOnlyMailer(),
      new ReviewerEmails(dataSource, encryption),
    );

    await dataSource.transaction((manager) =>
      identityProjector.roleGranted(manager, companyId, {
        userId: 'u1',
        role: 'sales',
        grantedBy: 'u2',
        grantedAt: '2020-01-01T00:00:00Z',
      }),
    );

    // Five replicas, each with its own starter, all firing at the scheduled moment.
    const replicas = Array.from(
      { length: 5 },
      () => new CampaignStarter(dataSource, { nudge: () => undefined }, clock, notifier),
    );
    const results = await Promise.all(
      replicas.map((starter) =>
        starter.start({ period: '2027-Q2', trigger: 'schedule' }, buildAuthContext({ companyId })),
      ),
    );

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.review.id)).size).toBe(1);
    expect(results[0].review.completion.items).toBe(1);
  });
});
