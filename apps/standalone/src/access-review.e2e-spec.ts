import { createHash, randomUUID } from 'node:crypto';

import request from 'supertest';

import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

describe('access reviews through the gateway (embedded)', () => {
  let platform: Platform;
  let companyA: string;
  let writerA: string;
  let readerA: string;
  let adminB: string;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform();
    companyA = randomUUID();
    writerA = await platform.createApiKey(companyA, ['access-review:read', 'access-review:write']);
    readerA = await platform.createApiKey(companyA, ['access-review:read']);
    adminB = await platform.createApiKey(randomUUID(), ['admin']);
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  it('should open a campaign once per period: 201, then 200 with the same one', async () => {
    const first = await request(platform.http)
      .post('/api/compliance/access-reviews/start_review/')
      .set('X-API-Key', writerA)
      .send({ period: '2027-Q1' })
      .expect(201);
    const again = await request(platform.http)
      .post('/api/compliance/access-reviews/start_review')
      .set('X-API-Key', writerA)
      .send({ period: '2027-Q1' })
      .expect(200);

    expect(first.body).toMatchObject({
      created: true,
      review: { period: '2027-Q1', status: 'open' },
    });
    expect(again.body).toMatchObject({ created: false, review: { id: first.body.review.id } });

    const list = await request(platform.http)
      .get('/api/compliance/access-reviews/')
      .set('X-API-Key', readerA)
      .expect(200);
    expect(list.body.total).toBe(1);
  });

  it('should keep writes to write scopes and campaigns to their company', async () => {
    await request(platform.http)
      .post('/api/compliance/access-reviews/start_review/')
      .set('X-API-Key', readerA)
      .send({ period: '2027-Q2' })
      .expect(403);

    const { body } = await request(platform.http)
      .get('/api/compliance/access-reviews/')
      .set('X-API-Key', writerA)
      .expect(200);
    const id: string = body.items[0].id;

    await request(platform.http)
      .get(`/api/compliance/access-reviews/${id}/`)
      .set('X-API-Key', adminB)
      .expect(404);
    await request(platform.http)
      .post(`/api/compliance/stale-access/${randomUUID()}/resolve/`)
      .set('X-API-Key', writerA)
      .send({ decision: 'revoked' })
      .expect(404);
    await request(platform.http)
      .post(`/api/compliance/stale-access/${randomUUID()}/resolve/`)
      .set('X-API-Key', writerA)
      .send({ decision: 'maybe' })
      .expect(400);
  });

  it('should reschedule, preview the close, and export the CSV with its hash', async () => {
    const { body } = await request(platform.http)
      .get('/api/compliance/access-reviews/')
      .set('X-API-Key', writerA)
      .expect(200);
    const id: string = body.items[0].id;
    const dueAt = new Date(Date.now() + 10 * 86_400_000).toISOString();

    const moved = await request(platform.http)
      .patch(`/api/compliance/access-reviews/${id}`)
      .set('X-API-Key', writerA)
      .send({ dueAt })
      .expect(200);
    expect(moved.body.dueAt).toBe(dueAt);

    const preview = await request(platform.http)
      .get(`/api/compliance/access-reviews/${id}/close-preview`)
      .set('X-API-Key', readerA)
      .expect(200);
    expect(preview.body).toMatchObject({ action: 'escalate', undecided: 0, items: [] });

    const csv = await request(platform.http)
      .get(`/api/compliance/access-reviews/${id}/report?format=csv`)
      .set('X-API-Key', readerA)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['x-content-sha256']).toBe(
      createHash('sha256').update(csv.text).digest('hex'),
    );

    const json = await request(platform.http)
      .get(`/api/compliance/access-reviews/${id}/report`)
      .set('X-API-Key', readerA)
      .expect(200);
    expect(json.body).toMatchObject({ format: 'json', content: { review: { id } } });

    const cancelled = await request(platform.http)
      .delete(`/api/compliance/access-reviews/${id}`)
      .set('X-API-Key', writerA)
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
  });
});
