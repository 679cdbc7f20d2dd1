import { randomUUID } from 'node:crypto';

import request from 'supertest';

import { BROKEN_POLICY, VALID_POLICY } from './e2e/policy-documents';
import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

const COLLECTIONS = [
  'policies',
  'policy-logs',
  'data-residency',
  'dsr-requests',
  'secrets',
  'secret-logs',
  'access-reviews',
  'stale-access',
  'retention-policies',
  'retention-logs',
  'audit',
];

describe('standalone platform (embedded PGlite, in-process bus)', () => {
  let platform: Platform;
  let companyA: string;
  let companyB: string;
  let adminA: string;
  let adminB: string;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform();
    companyA = randomUUID();
    companyB = randomUUID();
    adminA = await platform.createApiKey(companyA, ['admin']);
    adminB = await platform.createApiKey(companyB, ['admin']);
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  it('should report ready and serve the OpenAPI document with every collection', async () => {
    const ready = await request(platform.http).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ready');

    const docs = await request(platform.http).get('/docs-json').expect(200);
    const paths = Object.keys(docs.body.paths);
    for (const collection of COLLECTIONS) {
      expect(paths).toContain(`/api/compliance/${collection}`);
    }
  });

  it('should refuse every collection without a credential, with the error shape', async () => {
    for (const collection of COLLECTIONS) {
      const response = await request(platform.http).get(`/api/compliance/${collection}/`);

      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.any(String),
        details: [],
      });
    }
  });

  it('should validate a YAML policy through the policy service and audit it', async () => {
    const good = await request(platform.http)
      .post('/api/compliance/policies/validate/')
      .set('X-API-Key', adminA)
      .set('Content-Type', 'application/yaml')
      .send(VALID_POLICY)
      .expect(200);
    const bad = await request(platform.http)
      .post('/api/compliance/policies/validate')
      .set('Authorization', `Bearer ${adminA}`)
      .set('Content-Type', 'application/yaml')
      .send(BROKEN_POLICY)
      .expect(200);

    expect(good.body).toEqual({ valid: true, errors: [], warnings: [] });
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors[0]).toMatchObject({ line: expect.any(Number), path: '(root)' });

    const audit = await request(platform.http)
      .get('/api/compliance/audit/?action=policy.validated')
      .set('X-API-Key', adminA)
      .expect(200);
    expect(audit.body.items.map((entry: { details: unknown }) => entry.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ valid: true }),
        expect.objectContaining({ valid: false, errors: 1 }),
      ]),
    );
  });

  it('should answer 404 for another company’s policy and keep it out of their list', async () => {
    const created = await request(platform.http)
      .post('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .send({ name: `baseline-${randomUUID()}`, document: VALID_POLICY })
      .expect(201);

    await request(platform.http)
      .get(`/api/compliance/policies/${created.body.id}/`)
      .set('X-API-Key', adminA)
      .expect(200);
    const foreign = await request(platform.http)
      .get(`/api/compliance/policies/${created.body.id}/`)
      .set('X-API-Key', adminB)
      .expect(404);
    const listB = await request(platform.http)
      .get('/api/compliance/policies/')
      .set('X-API-Key', adminB)
      .expect(200);

    expect(foreign.body.message).toBe('policy not found');
    expect(listB.body.items.map((policy: { id: string }) => policy.id)).not.toContain(
      created.body.id,
    );

    const auditB = await request(platform.http)
      .get('/api/compliance/audit/')
      .set('X-API-Key', adminB)
      .expect(200);
    expect(
      auditB.body.items.map((entry: { resourceId: string }) => entry.resourceId),
    ).not.toContain(created.body.id);
  });

  it('should answer 403 naming the scope a credential lacks', async () => {
    const reader = await platform.createApiKey(companyA, ['audit:read']);

    const response = await request(platform.http)
      .post('/api/compliance/policies/')
      .set('X-API-Key', reader)
      .send({ name: 'x', document: VALID_POLICY })
      .expect(403);

    expect(response.body.message).toContain('policy:write');
  });

  it('should reject unknown fields and malformed input with 400 and the bad path', async () => {
    const unknownField = await request(platform.http)
      .post('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .send({ name: 'x', document: VALID_POLICY, companyId: companyB })
      .expect(400);
    const badId = await request(platform.http)
      .get('/api/compliance/policies/not-a-uuid/')
      .set('X-API-Key', adminA)
      .expect(400);
    const badJson = await request(platform.http)
      .post('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);

    expect(unknownField.body.details).toEqual([expect.objectContaining({ path: 'companyId' })]);
    expect(badId.body.statusCode).toBe(400);
    expect(badJson.body.message).toMatch(/JSON/);
  });

  it('should refuse a body over the size limit with 413', async () => {
    const response = await request(platform.http)
      .post('/api/compliance/policies/validate/')
      .set('X-API-Key', adminA)
      .set('Content-Type', 'application/yaml')
      .send(`# ${'x'.repeat(2 * 1024 * 1024)}\n`)
      .expect(413);

    expect(response.body.error).toBe('Payload Too Large');
  });

  it('should list data subject requests through the hosted DSR service', async () => {
    const response = await request(platform.http)
      .get('/api/compliance/dsr-requests/')
      .set('X-API-Key', adminA)
      .expect(200);

    expect(response.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('should expose Prometheus metrics without a credential', async () => {
    const response = await request(platform.http).get('/metrics').expect(200);

    expect(response.text).toContain('http_request_duration_seconds_bucket');
    expect(response.text).toContain('compliance_messages_handled_total');
  });

  it('should keep its data across a restart', async () => {
    const name = `kept-${randomUUID()}`;
    await request(platform.http)
      .post('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .send({ name, document: VALID_POLICY })
      .expect(201);

    await platform.close();
    platform = await startEmbeddedPlatform(platform.dataDir);

    const list = await request(platform.http)
      .get('/api/compliance/policies/?limit=200')
      .set('X-API-Key', adminA)
      .expect(200);
    expect(list.body.items.map((policy: { name: string }) => policy.name)).toContain(name);
  });
});
