import { randomUUID } from 'node:crypto';

import {
  applyPolicy,
  AuthContext,
  checkTransfer,
  createPolicy,
  resolveResidencyPlacement,
  saveResidency,
} from '@compliance/contracts';
import { buildAuthContext, ServiceTestBed, startServiceTestBed } from '@compliance/testing';

import { policyService } from '../policy-service.definition';

/** EU data in Ireland and Frankfurt; health data in Zurich alone, financial also in Virginia. */
const POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: health-apart, frameworks: [GDPR, HIPAA] }
spec:
  enforcement: hard
  residency:
    primaryRegion: eu-west-1
    replicationRegions: [eu-central-1]
    storagePrefixes: { eu-west-1: s3://crm-eu/, us-east-1: s3://crm-us/ }
    categories:
      health: { primaryRegion: eu-central-2, storagePrefix: s3://crm-health/ }
      financial: { primaryRegion: eu-west-1, replicationRegions: [us-east-1] }
`;

describe('per-category residency over NATS and PostgreSQL', () => {
  let bed: ServiceTestBed;

  const ask: ServiceTestBed['ask'] = (contract, payload, auth) => bed.ask(contract, payload, auth);

  async function companyWithPolicy(): Promise<AuthContext> {
    const auth = buildAuthContext({ companyId: randomUUID() });
    const created = await ask(
      createPolicy,
      { name: 'health apart', description: '', document: POLICY },
      auth,
    );

    await ask(applyPolicy, { id: created.id }, auth);
    return auth;
  }

  const transfer = (auth: AuthContext, category: string, toRegion: string) =>
    ask(checkTransfer, { category, fromRegion: 'eu-west-1', toRegion }, auth);

  beforeAll(async () => {
    bed = await startServiceTestBed(policyService, 'residency-categories');
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('should place a category of the applied policy apart, and the rest as before', async () => {
    const auth = await companyWithPolicy();

    await expect(ask(resolveResidencyPlacement, { category: 'health' }, auth)).resolves.toEqual({
      region: 'eu-central-2',
      prefix: 's3://crm-health/',
    });
    await expect(ask(resolveResidencyPlacement, { category: 'contact' }, auth)).resolves.toEqual({
      region: 'eu-west-1',
      prefix: 's3://crm-eu/',
    });
  });

  it("should check a category's transfers against its own regions only", async () => {
    const auth = await companyWithPolicy();

    // Frankfurt takes contacts but not health data; Virginia takes financial data only.
    expect(await transfer(auth, 'contact', 'eu-central-1')).toMatchObject({ allowed: true });
    expect(await transfer(auth, 'health', 'eu-central-1')).toMatchObject({
      allowed: false,
      decision: 'deny',
      reason: 'health data may not leave eu-central-2 for eu-central-1',
    });
    expect(await transfer(auth, 'health', 'eu-central-2')).toMatchObject({ allowed: true });
    expect(await transfer(auth, 'financial', 'us-east-1')).toMatchObject({ allowed: true });
    expect(await transfer(auth, 'contact', 'us-east-1')).toMatchObject({ allowed: false });
  });

  it('should keep the placements of categories when a save by hand names none', async () => {
    const auth = await companyWithPolicy();
    const manual = {
      primaryRegion: 'eu-west-1',
      replicationRegions: [],
      storagePrefixes: {},
      frameworks: ['GDPR' as const],
      enforcement: 'hard' as const,
      blockCrossRegionTransfers: true,
    };

    const saved = await ask(saveResidency, manual, auth);

    expect(saved).toMatchObject({
      source: 'manual',
      categories: { health: { primaryRegion: 'eu-central-2', storagePrefix: 's3://crm-health/' } },
    });
    await expect(ask(resolveResidencyPlacement, { category: 'health' }, auth)).resolves.toEqual({
      region: 'eu-central-2',
      prefix: 's3://crm-health/',
    });

    await ask(saveResidency, { ...manual, categories: {} }, auth);

    await expect(ask(resolveResidencyPlacement, { category: 'health' }, auth)).resolves.toEqual({
      region: 'eu-west-1',
      prefix: null,
    });
  });
});
