import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';

import { listPolicies } from '@compliance/contracts';
import { configureLogging } from '@compliance/logging';
import { NatsMessageBus } from '@compliance/messaging';
import request from 'supertest';

import { startDistributedPlatform } from './e2e/platform-harness';
import { VALID_POLICY } from './e2e/policy-documents';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

describe('distributed platform (PostgreSQL, NATS, gateway and service apart)', () => {
  let platform: Platform;
  let companyA: string;
  let adminA: string;
  let adminB: string;

  beforeAll(async () => {
    platform = await startDistributedPlatform({ REQUEST_TIMEOUT_MS: '1500' });
    companyA = randomUUID();
    adminA = await platform.createApiKey(companyA, ['admin']);
    adminB = await platform.createApiKey(randomUUID(), ['admin']);
  });

  afterAll(async () => {
    await platform.close();
  });

  it('should validate a policy over NATS and leave an audit entry', async () => {
    const response = await request(platform.http)
      .post('/api/compliance/policies/validate/')
      .set('X-API-Key', adminA)
      .set('Content-Type', 'text/yaml')
      .send(VALID_POLICY)
      .expect(200);

    expect(response.body).toEqual({ valid: true, errors: [], warnings: [] });

    const audit = await request(platform.http)
      .get('/api/compliance/audit/')
      .query({ action: 'policy.validated', resourceType: 'policy-document' })
      .set('X-API-Key', adminA)
      .expect(200);
    expect(audit.body.total).toBe(1);
    expect(audit.body.items[0]).toMatchObject({ actorType: 'api_key', outcome: 'success' });
  });

  it('should carry the caller’s request id through NATS into the service’s log lines', async () => {
    const lines: string[] = [];
    configureLogging(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString().trim().split('\n'));
          done();
        },
      }),
    );

    const response = await request(platform.http)
      .post('/api/compliance/policies/validate/')
      .set('X-API-Key', adminA)
      .set('X-Request-Id', 'trace-4711-abcdef')
      .set('Content-Type', 'text/yaml')
      .send(VALID_POLICY)
      .expect(200);
    configureLogging('silent');

    const serviceLine = lines
      .map((line) => JSON.parse(line) as { component?: string; requestId?: string })
      .find((line) => line.component === 'PoliciesService');
    expect(response.headers['x-request-id']).toBe('trace-4711-abcdef');
    expect(serviceLine?.requestId).toBe('trace-4711-abcdef');
  });

  it('should keep one company’s policy from another, answering 404', async () => {
    const created = await request(platform.http)
      .post('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .send({ name: 'baseline', document: VALID_POLICY })
      .expect(201);

    await request(platform.http)
      .get(`/api/compliance/policies/${created.body.id}`)
      .set('X-API-Key', adminB)
      .expect(404);
  });

  it('should reject a duplicate policy name with 409 and leave the first intact', async () => {
    await request(platform.http)
      .post('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .send({ name: 'unique-name', document: VALID_POLICY })
      .expect(201);
    const duplicate = await request(platform.http)
      .post('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .send({ name: 'unique-name', document: 'apiVersion: other' })
      .expect(400);

    expect(duplicate.body.details.length).toBeGreaterThan(0);

    const again = await request(platform.http)
      .post('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .send({ name: 'unique-name', document: VALID_POLICY })
      .expect(409);
    expect(again.body.details).toEqual([expect.objectContaining({ path: 'name' })]);
  });

  it('should answer 504 when the service takes longer than the request timeout', async () => {
    await platform.stopPolicyService();

    // A stand-in responder on the policy subject that never answers: the slow service.
    const slow = await NatsMessageBus.connect({
      url: platform.config.nats.url!,
      name: 'e2e-slow',
      subjectPrefix: platform.config.nats.subjectPrefix,
      stream: platform.config.nats.stream,
    });
    await slow.serve(listPolicies.subject, () => new Promise(() => undefined));

    const response = await request(platform.http)
      .get('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .expect(504);
    await slow.drain(100);

    expect(response.body).toMatchObject({ statusCode: 504, error: 'Gateway Timeout' });
  });

  it('should answer 503 when no service is there to answer', async () => {
    const response = await request(platform.http)
      .get('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .expect(503);

    expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
  });

  it('should answer 503 and report not ready when its NATS connection is gone', async () => {
    await platform.gatewayBus.drain(100);

    await request(platform.http)
      .get('/api/compliance/policies/')
      .set('X-API-Key', adminA)
      .expect(503);
    const ready = await request(platform.http).get('/health/ready').expect(503);

    expect(ready.body.checks.messaging).toBe('down');
  });
});
