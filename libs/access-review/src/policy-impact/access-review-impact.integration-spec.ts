import { randomUUID } from 'node:crypto';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '@compliance/config';
import {
  accessReviewImpact,
  AuthContext,
  ImpactReport,
  ImpactRequest,
  ServiceError,
} from '@compliance/contracts';
import { NatsMessageBus } from '@compliance/messaging';
import { openDataSource } from '@compliance/persistence';
import { createServiceApp, Infrastructure, openInfrastructure } from '@compliance/platform';
import {
  buildAuthContext,
  createTestDatabase,
  natsTestIsolation,
  TEST_NATS_URL,
  TestDatabase,
} from '@compliance/testing';
import { INestApplication } from '@nestjs/common';
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
  const isolation = natsTestIsolation();
  const companyId = randomUUID();
  let database: TestDatabase;
  let infrastructure: Infrastructure;
  let app: INestApplication;
  let client: NatsMessageBus;
  let dataSource: DataSource;

  async function impact(
    request: ImpactRequest,
    auth: AuthContext = buildAuthContext({ companyId }),
  ): Promise<Record<string, { current: number; candidate: number }>> {
    const reply = await client.request(
      accessReviewImpact.subject,
      { context: auth, payload: request },
      10_000,
    );

    if (!reply.ok) {
      throw ServiceError.fromBody(reply.error);
    }

    const report = reply.data as ImpactReport;
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
    database = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      NATS_SUBJECT_PREFIX: isolation.subjectPrefix,
      NATS_STREAM: isolation.stream,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    });

    infrastructure = await openInfrastructure(config, {
      processName: 'access-review-impact-test',
      requireNats: true,
    });
    app = await createServiceApp(accessReviewService, config, infrastructure);
    await app.init();

    client = await NatsMessageBus.connect({ url: TEST_NATS_URL, name: 'dry-run', ...isolation });
    dataSource = await openDataSource({
      endpoint: { kind: 'url', url: database.url },
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
    await client?.drain(1000);
    await app?.close();
    await infrastructure?.close();
    await dataSource?.destroy();
    await database?.drop();

    const connection = await connect({ servers: TEST_NATS_URL });
    await (await jetstreamManager(connection)).streams.delete(isolation.stream).catch(() => false);
    await connection.close();
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
