import { createHmac, randomUUID } from 'node:crypto';

import fc from 'fast-check';
import request from 'supertest';

import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';
import { VALID_POLICY } from './e2e/policy-documents';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

const JWT_SECRET = 'an-hs256-secret-used-only-by-this-test-suite';

/** An HS256 token as the CRM would sign it (RFC 7519), built by hand to stay independent. */
function signToken(
  claims: Record<string, unknown>,
  expiresInSeconds = 300,
  secret = JWT_SECRET,
): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
    sub: 'user-7',
    iat: now,
    exp: now + expiresInSeconds,
    ...claims,
  })}`;
  const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');

  return `${unsigned}.${signature}`;
}

describe('gateway security (embedded)', () => {
  let platform: Platform;
  let key: string;
  const companyId = randomUUID();

  beforeAll(async () => {
    platform = await startEmbeddedPlatform(undefined, {
      AUTH_JWT_SECRET: JWT_SECRET,
      RATE_LIMIT_PER_MINUTE: '400',
    });
    key = await platform.createApiKey(companyId, ['admin']);
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  it('should accept a CRM-signed JWT and take the company and scopes from it', async () => {
    const token = signToken({ company_id: companyId, scope: 'policy:read audit:read' });

    const whoami = await request(platform.http)
      .get('/api/compliance/whoami')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    await request(platform.http)
      .post('/api/compliance/policies/')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'x', document: VALID_POLICY })
      .expect(403);

    expect(whoami.body).toEqual({
      companyId,
      actor: { type: 'user', id: 'user-7' },
      scopes: ['policy:read', 'audit:read'],
    });
  });

  it('should refuse an expired, forged or unsigned JWT with 401', async () => {
    const expired = signToken({ company_id: companyId, scope: 'admin' }, -60);
    const forged = signToken(
      { company_id: companyId, scope: 'admin' },
      300,
      'another-secret-of-sufficient-length!!',
    );
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ sub: 'x', company_id: companyId, scope: 'admin', exp: 4102444800 }),
    ).toString('base64url');
    const unsigned = `${header}.${body}.`;

    for (const token of [expired, forged, unsigned]) {
      await request(platform.http)
        .get('/api/compliance/whoami')
        .set('Authorization', `Bearer ${token}`)
        .expect(401);
    }
  });

  it('should never answer 500 to a malformed policy document, whatever its content', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (document) => {
        const response = await request(platform.http)
          .post('/api/compliance/policies/validate/')
          .set('X-API-Key', key)
          .set('Content-Type', 'text/plain')
          .send(document);

        expect([200, 400, 413]).toContain(response.status);
      }),
      { numRuns: 60 },
    );
  });

  it('should never answer 500 to arbitrary JSON on create, and store nothing invalid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        const response = await request(platform.http)
          .post('/api/compliance/policies/')
          .set('X-API-Key', key)
          .send(JSON.stringify(body))
          .set('Content-Type', 'application/json');

        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );

    const list = await request(platform.http)
      .get('/api/compliance/policies/')
      .set('X-API-Key', key)
      .expect(200);
    expect(list.body.total).toBe(0);
  });

  it('should answer 429 once a client passes the rate limit, but keep probes open', async () => {
    let limited: request.Response | undefined;

    for (let attempt = 0; attempt < 450 && !limited; attempt += 1) {
      const response = await request(platform.http)
        .get('/api/compliance/whoami')
        .set('X-API-Key', key);
      if (response.status === 429) {
        limited = response;
      }
    }

    expect(limited?.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    await request(platform.http).get('/health/live').expect(200);
  });
});
