import { randomUUID } from 'node:crypto';

import {
  AnyEventContract,
  identityRoleGranted,
  identityUserActive,
  identityUserCreated,
  PayloadOf,
} from '@compliance/contracts';
import { openDataSource } from '@compliance/persistence';
import { buildAuthContext, recordDocExample, waitFor } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { docExchange } from './e2e/doc-exchange';
import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/** The exchanges docs/access-reviews.md shows, run for real and recorded for the guide. */
describe('access reviews guide examples', () => {
  const companyId = randomUUID();
  let platform: Platform;
  let database: DataSource;
  let headers: Record<string, string>;

  async function publish<C extends AnyEventContract>(contract: C, payload: PayloadOf<C>) {
    await platform.bus.publish(contract.subject, {
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

  beforeAll(async () => {
    platform = await startEmbeddedPlatform();
    database = await openDataSource({
      endpoint: platform.endpoint,
      entities: [],
      poolSize: 1,
      applicationName: 'access-review-guide',
    });
    const key = await platform.createApiKey(companyId, [
      'access-review:read',
      'access-review:write',
    ]);
    headers = { 'X-API-Key': key, 'Content-Type': 'application/json' };
  });

  afterAll(async () => {
    await database.destroy();
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  it('should record opening a campaign, its items and a decision', async () => {
    // Carol, managed by Alice, last used her finance-admin role 120 days ago: inactive past
    // the default 90 days. Alice was active yesterday and holds no role, so she has no item.
    await publish(identityUserCreated, { userId: 'alice', createdAt: daysAgo(400) });
    await publish(identityUserCreated, {
      userId: 'carol',
      managerId: 'alice',
      createdAt: daysAgo(400),
    });
    await publish(identityRoleGranted, {
      userId: 'carol',
      role: 'finance-admin',
      grantedBy: 'alice',
      grantedAt: daysAgo(300),
    });
    await publish(identityUserActive, {
      userId: 'alice',
      kind: 'login',
      at: daysAgo(1),
      roles: [],
    });
    await publish(identityUserActive, {
      userId: 'carol',
      kind: 'login',
      at: daysAgo(120),
      roles: ['finance-admin'],
    });
    await waitFor(async () => {
      const [row] = await database.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM access_review.users
         WHERE company_id = $1 AND last_active_at IS NOT NULL`,
        [companyId],
      );
      return row.count === 2;
    });

    const started = await docExchange(
      platform,
      'post',
      '/api/compliance/access-reviews/start_review/',
      {
        headers,
        body: { period: '2027-Q1', dueAt: new Date(Date.now() + 30 * DAY_MS).toISOString() },
      },
    );
    const reviewId = (started.response.body as { review: { id: string } }).review.id;
    const items = await docExchange(
      platform,
      'get',
      `/api/compliance/stale-access/?reviewId=${reviewId}`,
      { headers: { 'X-API-Key': headers['X-API-Key'] } },
    );
    const itemId = (items.response.body as { items: { id: string }[] }).items[0].id;
    const resolved = await docExchange(
      platform,
      'post',
      `/api/compliance/stale-access/${itemId}/resolve/`,
      { headers, body: { decision: 'retained', justification: 'on call for the Q1 audit' } },
    );

    expect(started.response).toMatchObject({ status: 201, body: { created: true } });
    expect(items.response).toMatchObject({
      status: 200,
      body: { items: [{ userId: 'carol', reasons: ['inactive'], reviewerId: 'alice' }] },
    });
    const report = await docExchange(
      platform,
      'get',
      `/api/compliance/access-reviews/${reviewId}/report/`,
      { headers: { 'X-API-Key': headers['X-API-Key'] } },
    );

    expect(resolved.response).toMatchObject({ status: 200, body: { decision: 'retained' } });
    expect(report.response).toMatchObject({
      status: 200,
      body: { format: 'json', content: { items: [{ userId: 'carol', decision: 'retained' }] } },
    });
    recordDocExample('access-review-start', started);
    recordDocExample('stale-access-list', items);
    recordDocExample('stale-access-resolve', resolved);
    recordDocExample('access-review-report', report);
  });
});
