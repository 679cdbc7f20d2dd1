import { randomUUID } from 'node:crypto';

import { accessReviewService } from '@compliance/access-review';
import {
  AnyEventContract,
  identityRoleGranted,
  identityUserActive,
  identityUserCreated,
  PayloadOf,
} from '@compliance/contracts';
import { buildAuthContext, waitFor } from '@compliance/testing';
import request from 'supertest';
import { Client } from 'pg';

import { startDistributedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * 24 * 60 * 60 * 1000).toISOString();

const REVIEW_POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: access-reviews
  frameworks: [SOC2]
spec:
  accessReview:
    cadence: quarterly
    inactivityDays: 30
    reviewers: [security-team]
    autoRevoke: true
`;

describe('an applied policy drives access reviews (PostgreSQL and NATS)', () => {
  let platform: Platform;
  let admin: string;
  const companyId = randomUUID();

  const api = (method: 'get' | 'post', path: string) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', admin);

  async function publish<C extends AnyEventContract>(contract: C, payload: PayloadOf<C>) {
    await platform.gatewayBus.publish(contract.subject, {
      messageId: randomUUID(),
      occurredAt: new Date().toISOString(),
      context: buildAuthContext({
        companyId,
        actor: { type: 'service', id: 'crm-identity' },
        scopes: [],
      }),
      payload,
    });
  }

  async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();

    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    platform = await startDistributedPlatform({}, [accessReviewService]);
    admin = await platform.createApiKey(companyId, ['admin']);
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('should detect with the applied threshold of 30 days and its reviewers', async () => {
    // Ann was last seen 45 days ago: stale under the policy's 30 days, not under the
    // default 90. Ben was seen yesterday; Carl holds the policy's reviewer role.
    for (const userId of ['ann', 'ben', 'carl']) {
      await publish(identityUserCreated, { userId, createdAt: daysAgo(400) });
    }
    const grants: [string, string][] = [
      ['ann', 'sales'],
      ['ben', 'sales'],
      ['carl', 'security-team'],
    ];
    for (const [userId, role] of grants) {
      await publish(identityRoleGranted, {
        userId,
        role,
        grantedBy: 'carl',
        grantedAt: daysAgo(300),
      });
    }
    const activity: [string, number, string][] = [
      ['ann', 45, 'sales'],
      ['ben', 1, 'sales'],
      ['carl', 1, 'security-team'],
    ];
    for (const [userId, age, role] of activity) {
      await publish(identityUserActive, { userId, kind: 'login', at: daysAgo(age), roles: [role] });
    }

    const created = await api('post', '/policies/')
      .send({ name: 'access-reviews', document: REVIEW_POLICY })
      .expect(201);
    await api('post', `/policies/${created.body.id}/apply/`).send({}).expect(200);

    await waitFor(async () => {
      const rows = await query<{ inactivity_days: number }>(
        'SELECT inactivity_days FROM access_review.settings WHERE company_id = $1',
        [companyId],
      );
      return rows[0]?.inactivity_days === 30;
    });
    await waitFor(async () => {
      const rows = await query<{ count: number }>(
        `SELECT count(*)::int AS count FROM access_review.users
         WHERE company_id = $1 AND last_active_at IS NOT NULL`,
        [companyId],
      );
      return rows[0].count === 3;
    });

    const started = await api('post', '/access-reviews/start_review/')
      .send({ period: '2027-Q1' })
      .expect(201);
    const items = await api('get', `/stale-access/?reviewId=${started.body.review.id}`).expect(200);

    expect(
      items.body.items.map(
        (item: { userId: string; reasons: string[]; reviewerId: string }) =>
          `${item.userId}:${item.reasons.join('+')}>${item.reviewerId}`,
      ),
    ).toEqual(['ann:inactive>carl']);

    const [settings] = await query<{ admin_roles: string[]; undecided_action: string }>(
      'SELECT admin_roles, undecided_action FROM access_review.settings WHERE company_id = $1',
      [companyId],
    );
    expect(settings).toEqual({ admin_roles: ['security-team'], undecided_action: 'revoke' });

    const audit = await query<{ actor_id: string }>(
      `SELECT actor_id FROM audit.audit_entries
       WHERE company_id = $1 AND action = 'access-review.settings-updated'`,
      [companyId],
    );
    expect(audit).toHaveLength(1);
  });
});
