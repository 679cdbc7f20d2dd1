import { createHash, randomUUID } from 'node:crypto';

import { accessReviewService } from '@compliance/access-review';
import { canonicalJson } from '@compliance/audit';
import request from 'supertest';
import { Client } from 'pg';

import { startDistributedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

const USERS = 10_000;
const MIB = 1024 * 1024;
const JUSTIFICATION = 'keeps "on call", =SUM(A1) — café 🎉';

/** The body as bytes, whatever its type, as a verifier would keep the file. */
const rawBody = (
  response: request.Response,
  done: (error: Error | null, body: Buffer) => void,
): void => {
  const chunks: Buffer[] = [];
  const stream = response as unknown as NodeJS.ReadableStream;

  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('a large access review report through the gateway over NATS', () => {
  let platform: Platform;
  let reader: string;
  let reviewId: string;
  const companyId = randomUUID();

  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
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
    reader = await platform.createApiKey(companyId, ['access-review:read']);
    const writer = await platform.createApiKey(companyId, ['access-review:write']);

    // 10,000 users managed by an active boss, each with two roles and last seen 200 days
    // ago (past the 90-day default): 2 roles × 10,000 users = 20,000 items. The projection
    // is written as the identity events would leave it, to keep the test about the report.
    await query(
      `INSERT INTO access_review.users (company_id, user_id, created_at, manager_id,
         last_active_at)
       SELECT $1::uuid, 'user-' || n, now() - interval '400 days', 'boss',
         now() - interval '200 days'
       FROM generate_series(1, $2) AS n
       UNION ALL SELECT $1, 'boss', now() - interval '400 days', NULL, now()`,
      [companyId, USERS],
    );
    await query(
      `INSERT INTO access_review.user_roles (company_id, user_id, role, granted_at, granted_by,
         last_used_at)
       SELECT $1::uuid, 'user-' || n, role, now() - interval '300 days', 'boss',
         now() - interval '200 days'
       FROM generate_series(1, $2) AS n CROSS JOIN (VALUES ('sales'), ('support')) AS r (role)
       UNION ALL SELECT $1, 'boss', 'admin', now() - interval '300 days', 'boss', now()`,
      [companyId, USERS],
    );

    const started = await request(platform.http)
      .post('/api/compliance/access-reviews/start_review/')
      .set('X-API-Key', writer)
      .send({ period: '2027-Q1' })
      .expect(201);
    reviewId = started.body.review.id;
    expect(started.body.review.completion.items).toBe(2 * USERS);

    // One decision with quotes, a formula, accents and an emoji, which page cuts and the
    // CSV must carry unchanged.
    const [item] = await query<{ id: string }>(
      `SELECT id FROM access_review.review_items WHERE review_id = $1 ORDER BY user_id, role
       LIMIT 1`,
      [reviewId],
    );
    await request(platform.http)
      .post(`/api/compliance/stale-access/${item.id}/resolve/`)
      .set('X-API-Key', writer)
      .send({ decision: 'retained', justification: JUSTIFICATION })
      .expect(200);
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('should stream the JSON past 1 MiB whole, with a hash a verifier recomputes', async () => {
    const response = await request(platform.http)
      .get(`/api/compliance/access-reviews/${reviewId}/report/`)
      .set('X-API-Key', reader)
      .buffer(true)
      .parse(rawBody)
      .expect(200);
    const body = response.body as Buffer;
    const text = body.toString('utf8');
    const document = JSON.parse(text) as {
      format: string;
      contentHash: string;
      content: { items: { justification: string | null }[]; snapshot: unknown[] };
    };

    expect(body.length).toBeGreaterThan(MIB);
    expect(Number(response.headers['content-length'])).toBe(body.length);
    expect(document.format).toBe('json');
    expect(document.content.items).toHaveLength(2 * USERS);
    expect(document.content.snapshot).toHaveLength(USERS + 1);
    expect(document.content.items.filter((i) => i.justification === JUSTIFICATION)).toHaveLength(1);

    // Either way a verifier checks it: the canonical JSON of `content`, or the bytes of the
    // file between `"content":` and the closing brace.
    const contentBytes = body.subarray(body.indexOf('"content":') + 10, body.length - 1);
    expect(sha256(canonicalJson(document.content))).toBe(document.contentHash);
    expect(sha256(contentBytes)).toBe(document.contentHash);
    expect(response.headers['x-content-sha256']).toBe(document.contentHash);
  });

  it('should stream the CSV past 1 MiB with the hash of its bytes in the header', async () => {
    const response = await request(platform.http)
      .get(`/api/compliance/access-reviews/${reviewId}/report/?format=csv`)
      .set('X-API-Key', reader)
      .buffer(true)
      .parse(rawBody)
      .expect(200);
    const body = response.body as Buffer;
    const lines = body.toString('utf8').trimEnd().split('\r\n');

    expect(body.length).toBeGreaterThan(MIB);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['x-content-sha256']).toBe(sha256(body));
    // A header, a snapshot row per role held (2 × 10,000 + the boss's admin), an item row
    // per item (2 × 10,000).
    expect(lines).toHaveLength(1 + (2 * USERS + 1) + 2 * USERS);
    expect(lines.filter((line) => line.includes('"keeps ""on call"", =SUM(A1)'))).toHaveLength(1);

    const exported = await query<{ details: { contentHash: string; format: string } }>(
      `SELECT details FROM audit.audit_entries
       WHERE company_id = $1 AND action = 'access-review.report-exported'`,
      [companyId],
    );
    expect(exported.map((entry) => entry.details.format).sort()).toEqual(['csv', 'json']);
    expect(exported.map((entry) => entry.details.contentHash)).toContain(sha256(body));
  });

  it('should answer 404 for another company’s campaign, before anything is streamed', async () => {
    const other = await platform.createApiKey(randomUUID(), ['access-review:read']);

    await request(platform.http)
      .get(`/api/compliance/access-reviews/${reviewId}/report/`)
      .set('X-API-Key', other)
      .expect(404);
  });
});
