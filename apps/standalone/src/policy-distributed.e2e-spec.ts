import { randomUUID } from 'node:crypto';

import { EvaluationRequest } from '@compliance/policy-engine';
import { waitFor } from '@compliance/testing';
import request from 'supertest';

import { startDistributedPlatform } from './e2e/platform-harness';
import { SettingsReader, startSettingsReader } from './e2e/settings-reader-app';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

const EU_ONLY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: eu-residency
  frameworks: [GDPR]
spec:
  enforcement: hard
  residency:
    primaryRegion: eu-west-1
    replicationRegions: [eu-central-1]
    blockCrossRegionTransfers: true
  exceptions:
    - id: litigation-export
      rule: residency
      resource:
        entity: note
      reason: court order
      approvedBy: dpo
      expiresAt: 2099-12-31
`;

// The same regions, enforced softly: a transfer out of the EU warns instead of failing.
const EU_SOFT = EU_ONLY.replace('enforcement: hard', 'enforcement: soft');

interface FixtureCase {
  key: string;
  request: EvaluationRequest;
}

/** Each case is a route of its own, so the dry-run's per-route counts name its decision. */
function transfer(key: string, id: string, toRegion: string, entity = 'contact'): FixtureCase {
  return {
    key,
    request: {
      action: 'data.transfer',
      resource: { entity, id },
      context: { fromRegion: 'eu-west-1', toRegion },
    },
  };
}

const FIXTURE: FixtureCase[] = [
  transfer('to-replica', 'c-1', 'eu-central-1'),
  transfer('to-primary', 'c-2', 'eu-west-1'),
  transfer('to-us', 'c-3', 'us-east-1'),
  transfer('to-asia', 'c-4', 'ap-south-1'),
  transfer('exempt-to-us', 'n-1', 'us-east-1', 'note'),
];

describe('policy lifecycle on PostgreSQL and NATS with a second service', () => {
  let platform: Platform;
  let reader: SettingsReader;
  let admin: string;
  const companyId = randomUUID();

  const api = (method: 'get' | 'post' | 'patch', path: string) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', admin);

  const readerDecision = async (toRegion: string) => {
    const settings = await reader.settings.forCompany(companyId);
    return settings.evaluate(transfer('probe', 'c-9', toRegion).request).decision;
  };

  /**
   * What the dry-run predicts for each fixture case under the candidate version: the
   * policy service replays the transfers checked lately, so each case is checked first.
   */
  const predictions = async (policyId: string) => {
    for (const { request: evaluation } of FIXTURE) {
      await api('post', '/data-residency/check-transfer/')
        .send({ category: evaluation.resource.entity, ...evaluation.context })
        .expect(200);
    }

    const dryRun = await api('post', `/policies/${policyId}/dry_run/`).send({}).expect(200);
    const transfers = dryRun.body.impact.find(
      (area: { area: string }) => area.area === 'transfers',
    );
    expect(transfers.status).toBe('answered');

    const items = transfers.report.items as { key: string; candidate: number }[];
    const predicted: Record<string, string> = {};
    for (const { key, request: evaluation } of FIXTURE) {
      const route = `${evaluation.resource.entity}:eu-west-1:${evaluation.context?.toRegion}`;
      const counted = (total: string) =>
        (items.find((item) => item.key === `${total}:${route}`)?.candidate ?? 0) > 0;
      predicted[key] = counted('denied-transfers')
        ? 'deny'
        : counted('warned-transfers')
          ? 'warn'
          : 'allow';
    }
    return predicted;
  };

  /** What enforcement decides for each fixture case, through the evaluation route. */
  const enforced = async () => {
    const decisions: Record<string, string> = {};
    for (const { key, request: evaluation } of FIXTURE) {
      const response = await api('post', '/policies/evaluate/').send(evaluation).expect(200);
      decisions[key] = response.body.decision;
    }
    return decisions;
  };

  beforeAll(async () => {
    platform = await startDistributedPlatform();
    reader = await startSettingsReader(platform.config);
    admin = await platform.createApiKey(companyId, ['admin']);
  });

  afterAll(async () => {
    await reader?.close();
    await platform?.close();
  });

  it('should create, dry-run, apply, propagate, roll back and audit each step', async () => {
    expect((await reader.settings.forCompany(companyId)).versions).toEqual([]);

    const created = await api('post', '/policies/')
      .send({ name: 'eu-residency', document: EU_ONLY })
      .expect(201);
    const id = created.body.id as string;

    const dryRun = await api('post', `/policies/${id}/dry_run/`).send({}).expect(200);
    expect(dryRun.body).toMatchObject({ changed: false, comparedWith: [] });
    expect((await api('get', `/policies/${id}/`).expect(200)).body.status).toBe('draft');
    expect((await api('get', `/policies/${id}/versions/`).expect(200)).body.items).toEqual([
      expect.objectContaining({ version: 1, active: false }),
    ]);
    expect(await readerDecision('us-east-1')).toBe('allow');

    await api('post', `/policies/${id}/apply/`).send({}).expect(200);
    await waitFor(async () => (await readerDecision('us-east-1')) === 'deny');
    expect((await reader.settings.forCompany(companyId)).versions).toEqual([
      { policyId: id, version: 1 },
    ]);

    await api('patch', `/policies/${id}/`).send({ document: EU_SOFT }).expect(200);
    await api('post', `/policies/${id}/apply/`).send({ version: 2 }).expect(200);
    await waitFor(async () => (await readerDecision('us-east-1')) === 'warn');

    await api('post', `/policies/${id}/rollback/`).send({ toVersion: 1 }).expect(200);
    await waitFor(async () => (await readerDecision('us-east-1')) === 'deny');
    expect((await reader.settings.forCompany(companyId)).versions).toEqual([
      { policyId: id, version: 3 },
    ]);

    const audit = await api('get', '/audit/?limit=200').expect(200);
    const trail = audit.body.items
      .filter((entry: { resourceId: string }) => entry.resourceId === id)
      .map((entry: { action: string }) => entry.action)
      .reverse();
    expect(trail).toEqual([
      'policy.created',
      'policy.dry-run',
      'policy.applied',
      'policy.edited',
      'policy.applied',
      'policy.rolled-back',
    ]);
  });

  it('should enforce, case for case, the decisions a dry-run predicted', async () => {
    const created = await api('post', '/policies/')
      .send({ name: 'eu-predicted', document: EU_ONLY })
      .expect(201);
    const id = created.body.id as string;
    const other = await api('get', '/policies/?limit=100').expect(200);
    // Only this policy may be in force, so archive what the first test left active.
    for (const policy of other.body.items as { id: string; status: string }[]) {
      if (policy.id !== id && policy.status === 'active') {
        await request(platform.http)
          .delete(`/api/compliance/policies/${policy.id}/`)
          .set('X-API-Key', admin)
          .expect(200);
      }
    }

    const hardPrediction = await predictions(id);
    await api('post', `/policies/${id}/apply/`).send({}).expect(200);
    const hardEnforced = await enforced();

    expect(hardEnforced).toEqual(hardPrediction);
    expect(Object.values(hardEnforced).sort()).toEqual(['allow', 'allow', 'allow', 'deny', 'deny']);

    await api('patch', `/policies/${id}/`).send({ document: EU_SOFT }).expect(200);
    const softPrediction = await predictions(id);
    await api('post', `/policies/${id}/apply/`).send({ version: 2 }).expect(200);
    const softEnforced = await enforced();

    expect(softEnforced).toEqual(softPrediction);
    expect(softEnforced).toEqual({
      'to-replica': 'allow',
      'to-primary': 'allow',
      'to-us': 'warn',
      'to-asia': 'warn',
      'exempt-to-us': 'allow',
    });
  });
});
