import { randomUUID } from 'node:crypto';

import { recordDocExample } from '@compliance/testing';

import { docExchange } from './e2e/doc-exchange';
import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

/** Residency in the EU, contacts kept three years; `framworks` is misspelt on purpose. */
const MISSPELT_POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: eu-baseline
  framworks: [GDPR]
spec:
  enforcement: hard
`;

// One string, split only for line length: docs/examples records it verbatim.
const EU_POLICY =
  `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: eu-baseline
  frameworks: [GDPR]
spec:
  enforcement: hard
  retention:
    rules:
      - { id: contacts-inactive, entity: contact, period: P3Y, ` +
  `dateField: lastActivityAt, method: hard }
  residency:
    primaryRegion: eu-west-1
    replicationRegions: [eu-central-1]
    blockCrossRegionTransfers: true
`;

/** The exchanges docs/policies.md shows, run for real and recorded for the guide. */
describe('policies guide examples', () => {
  let platform: Platform;
  let headers: Record<string, string>;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform();
    const key = await platform.createApiKey(randomUUID(), ['admin']);
    headers = { 'X-API-Key': key, 'Content-Type': 'application/json' };
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  it('should record a validation that reports a misspelt key', async () => {
    const example = await docExchange(platform, 'post', '/api/compliance/policies/validate/', {
      headers: { 'X-API-Key': headers['X-API-Key'], 'Content-Type': 'application/yaml' },
      body: MISSPELT_POLICY,
    });

    expect(example.response.status).toBe(200);
    expect(example.response.body).toMatchObject({ valid: false });
    recordDocExample('policy-validate', example);
  });

  it('should record creating, applying and evaluating a policy', async () => {
    const created = await docExchange(platform, 'post', '/api/compliance/policies/', {
      headers,
      body: { name: 'eu-baseline', document: EU_POLICY },
    });
    const id = (created.response.body as { id: string }).id;
    const applied = await docExchange(platform, 'post', `/api/compliance/policies/${id}/apply/`, {
      headers,
      body: { version: 1 },
    });
    const evaluated = await docExchange(platform, 'post', '/api/compliance/policies/evaluate/', {
      headers,
      body: {
        action: 'data.transfer',
        resource: { entity: 'contact', id: 'c-1' },
        context: { fromRegion: 'eu-west-1', toRegion: 'us-east-1' },
      },
    });

    expect(created.response.status).toBe(201);
    expect(applied.response.status).toBe(200);
    expect(evaluated.response).toMatchObject({ status: 200, body: { decision: 'deny' } });
    recordDocExample('policy-create', created);
    recordDocExample('policy-apply', applied);
    recordDocExample('policy-evaluate', evaluated);
  });
});
