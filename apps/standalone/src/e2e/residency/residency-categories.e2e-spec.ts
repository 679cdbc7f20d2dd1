import { randomUUID } from 'node:crypto';

import request from 'supertest';

import { startDistributedPlatform } from '../platform-harness';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;
type Body = Record<string, unknown>;

/** EU data in Ireland and Frankfurt; health data in Zurich alone. */
const HEALTH_APART = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: health-apart, frameworks: [GDPR, HIPAA] }
spec:
  enforcement: hard
  residency:
    primaryRegion: eu-west-1
    replicationRegions: [eu-central-1]
    storagePrefixes: { eu-west-1: s3://crm-eu/ }
    categories:
      health: { primaryRegion: eu-central-2, storagePrefix: s3://crm-health/ }
`;

const HEALTH_PLACEMENT = { primaryRegion: 'eu-central-2', storagePrefix: 's3://crm-health/' };

/** A configuration saved by hand, as a client that knows nothing of categories sends it. */
const BY_HAND: Body = {
  primaryRegion: 'eu-west-1',
  replicationRegions: ['eu-central-1'],
  storagePrefixes: { 'eu-west-1': 's3://crm-eu/' },
  frameworks: ['GDPR'],
};

describe('per-category residency through the gateway (PostgreSQL and NATS)', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startDistributedPlatform();
  });

  afterAll(async () => {
    await platform?.close();
  });

  /** A company of its own per test, so no configuration or policy leaks between them. */
  async function company() {
    const key = await platform.createApiKey(randomUUID(), ['admin']);
    const api = (method: 'get' | 'post' | 'patch', path: string) =>
      request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', key);

    return {
      api,
      save: (body: Body) => api('post', '/data-residency/').send(body),
      stored: async () => (await api('get', '/data-residency/').expect(200)).body.items[0] as Body,
      placement: async (category: string) =>
        (await api('get', `/data-residency/placement/?category=${category}`).expect(200)).body,
      transfer: async (category: string, toRegion: string) =>
        (
          await api('post', '/data-residency/check-transfer/')
            .send({ category, fromRegion: 'eu-west-1', toRegion })
            .expect(200)
        ).body,
    };
  }

  it('should keep the placement an applied policy set when a save by hand names none', async () => {
    const { api, save, stored, placement } = await company();
    const created = await api('post', '/policies/')
      .send({ name: 'health apart', document: HEALTH_APART })
      .expect(201);
    await api('post', `/policies/${created.body.id}/apply/`).send({}).expect(200);

    const saved = await save(BY_HAND).expect(201);

    expect(saved.body).toMatchObject({
      source: 'manual',
      categories: { health: HEALTH_PLACEMENT },
    });
    expect(await stored()).toMatchObject({
      source: 'manual',
      policyId: null,
      categories: { health: HEALTH_PLACEMENT },
    });
    expect(await placement('health')).toEqual({
      region: 'eu-central-2',
      prefix: 's3://crm-health/',
    });
  });

  it('should keep a placement saved by hand, and check transfers against it', async () => {
    const { save, stored, placement, transfer } = await company();
    await save({ ...BY_HAND, categories: { health: HEALTH_PLACEMENT } }).expect(201);

    // No policy is in force: only the kept placement keeps health data out of Frankfurt.
    await save(BY_HAND).expect(201);

    expect((await stored()).categories).toEqual({ health: HEALTH_PLACEMENT });
    expect(await placement('health')).toEqual({
      region: 'eu-central-2',
      prefix: 's3://crm-health/',
    });
    expect(await transfer('contact', 'eu-central-1')).toMatchObject({ allowed: true });
    expect(await transfer('health', 'eu-central-1')).toMatchObject({
      allowed: false,
      decision: 'deny',
      reason: 'health data may not leave eu-central-2 for eu-central-1',
    });
  });

  it('should clear the placements when a save names an empty set of categories', async () => {
    const { save, stored, placement, transfer } = await company();
    await save({ ...BY_HAND, categories: { health: HEALTH_PLACEMENT } }).expect(201);

    const saved = await save({ ...BY_HAND, categories: {} }).expect(201);

    expect(saved.body.categories).toEqual({});
    expect((await stored()).categories).toEqual({});
    expect(await placement('health')).toEqual({ region: 'eu-west-1', prefix: 's3://crm-eu/' });
    expect(await transfer('health', 'eu-central-1')).toMatchObject({ allowed: true });
  });

  it('should replace, keep or clear the placements on a change, as a save does', async () => {
    const { api, save, stored } = await company();
    const { id } = (
      await save({ ...BY_HAND, categories: { health: HEALTH_PLACEMENT } }).expect(201)
    ).body as { id: string };
    const financial = { primaryRegion: 'eu-north-1', replicationRegions: ['eu-west-1'] };

    await api('patch', `/data-residency/${id}/`).send({ categories: { financial } }).expect(200);
    expect((await stored()).categories).toEqual({ financial });

    await api('patch', `/data-residency/${id}/`).send({ enforcement: 'soft' }).expect(200);
    expect(await stored()).toMatchObject({ enforcement: 'soft', categories: { financial } });

    await api('patch', `/data-residency/${id}/`).send({ categories: {} }).expect(200);
    expect((await stored()).categories).toEqual({});
  });

  it.each([
    [
      'replicates health data to its own primary region',
      { health: { primaryRegion: 'eu-central-2', replicationRegions: ['eu-central-2'] } },
      'categories.health.replicationRegions.0',
    ],
    [
      'names a region no policy may name',
      { health: { primaryRegion: 'eu-centrl-2' } },
      'categories.health.primaryRegion',
    ],
    ['names an unknown category', { helth: HEALTH_PLACEMENT }, 'categories.helth'],
    [
      'gives a prefix too long',
      { health: { ...HEALTH_PLACEMENT, storagePrefix: `s3://${'a'.repeat(500)}/` } },
      'categories.health.storagePrefix',
    ],
    [
      'carries a key the placement does not have',
      { health: { ...HEALTH_PLACEMENT, allowedRegions: ['eu-central-2'] } },
      'categories.health',
    ],
  ])(
    'should answer 400 and change nothing when a placement %s',
    async (_label, categories, path) => {
      const { api, save, stored } = await company();
      await save({ ...BY_HAND, categories: { health: HEALTH_PLACEMENT } }).expect(201);
      const before = await stored();

      const saved = await save({ ...BY_HAND, enforcement: 'soft', categories }).expect(400);
      const changed = await api('patch', `/data-residency/${String(before.id)}/`)
        .send({ enforcement: 'soft', categories })
        .expect(400);

      for (const response of [saved, changed]) {
        expect(response.body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ path })]),
        );
      }
      expect(await stored()).toEqual(before);
    },
  );

  it('should describe the categories, and that a save without them keeps them', async () => {
    const response = await request(platform.http).get('/docs-json').expect(200);
    const dto = response.body.components.schemas.ResidencyConfigDto;

    expect(dto.required).not.toContain('categories');
    expect(dto.properties.categories).toMatchObject({
      type: 'object',
      description: expect.stringContaining('keeps the stored placements'),
      additionalProperties: { required: ['primaryRegion'] },
    });
  });
});
