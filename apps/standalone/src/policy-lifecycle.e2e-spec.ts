import { randomUUID } from 'node:crypto';

import request from 'supertest';

import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

const EU_POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: eu-residency
  frameworks: [GDPR]
spec:
  enforcement: hard
  residency:
    primaryRegion: eu-west-1
    replicationRegions: [eu-central-1]
    storagePrefixes:
      eu-west-1: s3://acme-eu-west-1/
    blockCrossRegionTransfers: true
`;

const US_ALLOWED = EU_POLICY.replace('[eu-central-1]', '[eu-central-1, us-east-1]');

describe('policy lifecycle through the gateway (embedded)', () => {
  let platform: Platform;
  let admin: string;

  const api = (method: 'get' | 'post' | 'patch', path: string) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', admin);

  const transferToUs = () =>
    api('post', '/data-residency/check-transfer/').send({
      category: 'contact',
      fromRegion: 'eu-west-1',
      toRegion: 'us-east-1',
    });

  beforeAll(async () => {
    platform = await startEmbeddedPlatform();
    admin = await platform.createApiKey(randomUUID(), ['admin']);
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  it('should serve the policy JSON Schema', async () => {
    const response = await api('get', '/policies/schema/').expect(200);

    expect(response.body.title).toBe('CompliancePolicy');
  });

  it('should create, dry-run, apply, edit, roll back and log each step', async () => {
    const created = await api('post', '/policies/')
      .send({ name: 'eu-residency', document: EU_POLICY })
      .expect(201);
    const id = created.body.id as string;

    const dryRun = await api('post', `/policies/${id}/dry_run/`).send({}).expect(200);
    expect(dryRun.body.changed).toBe(false);
    // Access review, the transfer replay and the CRM's encryption count are hosted here.
    const statuses = Object.fromEntries(
      dryRun.body.impact.map((area: { area: string; status: string }) => [area.area, area.status]),
    );
    expect(statuses).toMatchObject({
      'access-review': 'answered',
      transfers: 'answered',
      encryption: 'answered',
    });
    expect((await api('get', '/data-residency/').expect(200)).body.total).toBe(0);
    expect((await transferToUs().expect(200)).body.decision).toBe('allow');

    const applied = await api('post', `/policies/${id}/apply/`).send({}).expect(200);
    expect(applied.body).toMatchObject({ status: 'active', activeVersion: 1 });

    const residency = await api('get', '/data-residency/').expect(200);
    expect(residency.body.items[0]).toMatchObject({
      primaryRegion: 'eu-west-1',
      source: 'policy',
      policyId: id,
    });
    expect(await transferToUs().expect(200)).toMatchObject({
      body: { allowed: false, decision: 'deny', ruleId: 'residency' },
    });

    await api('patch', `/policies/${id}/`).send({ document: US_ALLOWED }).expect(200);
    await api('post', `/policies/${id}/apply/`).send({ version: 2 }).expect(200);
    expect((await transferToUs().expect(200)).body.decision).toBe('allow');

    const rolledBack = await api('post', `/policies/${id}/rollback/`)
      .send({ toVersion: 1 })
      .expect(200);
    expect(rolledBack.body).toMatchObject({ activeVersion: 3, currentVersion: 3 });
    expect((await transferToUs().expect(200)).body.decision).toBe('deny');

    const versions = await api('get', `/policies/${id}/versions/`).expect(200);
    expect(versions.body.items.map((version: { active: boolean }) => version.active)).toEqual([
      false,
      false,
      true,
    ]);

    const logs = await api('get', '/policy-logs/').expect(200);
    expect(logs.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'rolled-back',
      'applied',
      'edited',
      'applied',
    ]);
    expect(logs.body.items[2].changes).toEqual([
      {
        path: 'spec.residency.replicationRegions[1]',
        op: 'added',
        after: 'us-east-1',
      },
    ]);

    const audit = await api('get', '/audit/?limit=200').expect(200);
    const actions = audit.body.items.map((entry: { action: string }) => entry.action);
    for (const action of [
      'policy.created',
      'policy.applied',
      'policy.edited',
      'policy.rolled-back',
      'residency.transfer.deny',
    ]) {
      expect(actions).toContain(action);
    }
  });

  it('should evaluate an action and report the rule that decided it', async () => {
    const response = await api('post', '/policies/evaluate/')
      .send({
        action: 'data.transfer',
        resource: { entity: 'contact', id: 'c-1' },
        context: { fromRegion: 'eu-west-1', toRegion: 'ap-south-1' },
      })
      .expect(200);

    expect(response.body).toMatchObject({ decision: 'deny', ruleId: 'residency' });
  });

  it('should report an error in a document with its line and a suggestion', async () => {
    const response = await api('post', '/policies/validate/')
      .set('Content-Type', 'application/yaml')
      .send(EU_POLICY.replace('primaryRegion: eu-west-1', 'primaryRegion: eu-wset-1'))
      .expect(200);

    expect(response.body.errors[0]).toMatchObject({
      path: 'spec.residency.primaryRegion',
      line: 9,
      suggestion: 'eu-west-1',
    });
  });
});
