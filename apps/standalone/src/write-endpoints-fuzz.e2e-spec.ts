import { randomUUID } from 'node:crypto';

import fc from 'fast-check';
import request from 'supertest';

import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';
import { plugInCrmModule } from './e2e/retention/crm-module';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;
type Body = Record<string, unknown>;

interface WriteRoute {
  path: string;
  /** A body the route accepts; the fuzzer breaks it one field at a time. */
  valid: () => Body;
  /** Where the records it creates are listed, so nothing half-stored can hide. */
  list?: string;
}

/** The entity retention policies below name, declared the way a CRM module declares it. */
const CONTACTS_SQL = `
  CREATE SCHEMA crm_fuzz;
  CREATE TABLE crm_fuzz.contacts (id uuid PRIMARY KEY, company_id uuid NOT NULL, email text,
    status text NOT NULL, created_at timestamptz NOT NULL)
`;
const DATA_MAP = {
  module: 'crm-fuzz',
  entities: [
    {
      name: 'contact',
      table: 'crm_fuzz.contacts',
      subjectIdentifiers: [{ kind: 'email', column: 'email' }],
    },
  ],
};

const inTwoMonths = () => new Date(Date.now() + 60 * 86_400_000).toISOString();

/** The routes that take a body from a caller and store what it says. */
const ROUTES: WriteRoute[] = [
  {
    path: '/api/compliance/dsr-requests/',
    list: '/api/compliance/dsr-requests/',
    valid: () => ({
      type: 'access',
      jurisdiction: 'gdpr',
      channel: 'web',
      requester: { name: 'Ada Lovelace', relation: 'subject' },
      identifiers: [{ kind: 'email', value: `${randomUUID()}@example.com` }],
    }),
  },
  {
    path: '/api/compliance/secrets/',
    list: '/api/compliance/secrets/',
    valid: () => ({
      name: `crm/fuzz/${randomUUID()}`,
      ownerService: 'crm-mail',
      allowedServices: ['crm-mail'],
      rotationSource: 'supplied',
      value: 'fuzz-secret-value-1',
      rotationIntervalDays: 90,
      expiresAt: inTwoMonths(),
    }),
  },
  {
    path: '/api/compliance/retention-policies/',
    list: '/api/compliance/retention-policies/',
    valid: () => ({
      name: `fuzz ${randomUUID()}`,
      entity: 'contact',
      periodDays: 730,
      dateField: 'created_at',
      method: 'hard',
      conditions: [{ field: 'status', operator: 'in', value: ['closed', 'lost'] }],
    }),
  },
  {
    path: '/api/compliance/legal-holds/',
    list: '/api/compliance/legal-holds/',
    valid: () => ({
      reason: 'litigation 2026-041',
      scope: 'subject',
      subject: { kind: 'email', value: 'ada@example.com' },
    }),
  },
  {
    path: '/api/compliance/policies/evaluate/',
    valid: () => ({
      action: 'data.transfer',
      resource: { entity: 'contact', id: 'c-1' },
      context: { fromRegion: 'eu-west-1', toRegion: 'us-east-1' },
    }),
  },
  {
    path: '/api/compliance/data-residency/check-transfer/',
    valid: () => ({ category: 'contact', fromRegion: 'eu-west-1', toRegion: 'us-east-1' }),
  },
];

/** A valid body with one field dropped, replaced by any JSON value, or an unknown one added. */
function brokenBody(valid: Body) {
  const keys = Object.keys(valid);

  return fc.oneof(
    fc.constantFrom(...keys).map((key) => {
      const { [key]: _dropped, ...rest } = valid;
      return rest;
    }),
    fc
      .tuple(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }))
      .map(([key, value]) => ({ ...valid, [key]: value })),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }))
      .filter(([key]) => !keys.includes(key))
      .map(([key, value]) => ({ ...valid, [key]: value })),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

async function total(platform: Platform, key: string, path: string): Promise<number> {
  const response = await request(platform.http).get(path).set('X-API-Key', key).expect(200);
  return response.body.total as number;
}

describe('write endpoints under arbitrary input', () => {
  let platform: Platform;
  let key: string;

  beforeAll(async () => {
    // The rate limit is tested on its own; here it would only cut the runs short.
    platform = await startEmbeddedPlatform(undefined, { RATE_LIMIT_PER_MINUTE: '1000000' });
    const companyId = randomUUID();
    key = await platform.createApiKey(companyId, ['admin']);

    await plugInCrmModule(platform, companyId, { sql: CONTACTS_SQL, dataMap: DATA_MAP });
  });

  afterAll(async () => {
    await platform?.close();
    await removeDataDir(platform?.dataDir);
  });

  it.each(ROUTES.map((route) => [route.path, route] as const))(
    'should answer %s with 2xx or a 4xx that says what, never 500, storing only what it accepted',
    async (_path, route) => {
      const before = route.list ? await total(platform, key, route.list) : 0;

      // The unbroken body goes through, so a 4xx below is the fuzzer's doing.
      const sound = await request(platform.http)
        .post(route.path)
        .set('X-API-Key', key)
        .send(route.valid());
      expect([200, 201]).toContain(sound.status);
      let accepted = sound.status === 201 ? 1 : 0;

      await fc.assert(
        fc.asyncProperty(brokenBody(route.valid()), async (body) => {
          const response = await request(platform.http)
            .post(route.path)
            .set('X-API-Key', key)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));

          expect(response.status).toBeGreaterThanOrEqual(200);
          expect(response.status).toBeLessThan(500);

          if (response.status >= 400) {
            expect(response.body).toMatchObject({
              statusCode: response.status,
              error: expect.any(String),
              message: expect.any(String),
            });
            // A rejected secret never comes back in the words that reject it.
            expect(response.text).not.toContain('fuzz-secret-value-1');
          } else if (response.status === 201) {
            accepted += 1;
          }
        }),
        { numRuns: 60 },
      );

      if (route.list) {
        expect(await total(platform, key, route.list)).toBe(before + accepted);
      }
    },
  );
});
