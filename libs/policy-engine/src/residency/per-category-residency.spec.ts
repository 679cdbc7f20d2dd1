import { compilePolicy } from '../engine/compiled-policy';
import { evaluatePolicies } from '../engine/policy-evaluator';
import { PolicyDocument } from '../engine/policy-document.types';
import { validatePolicy } from '../validation/policy-validator';
import { resolvePlacement } from './placement-resolver';

const NOW = new Date('2026-06-01T00:00:00Z');

const POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: health-apart, frameworks: [GDPR, HIPAA] }
spec:
  enforcement: hard
  residency:
    primaryRegion: eu-west-1
    replicationRegions: [eu-central-1]
    storagePrefixes:
      eu-west-1: s3://crm-eu-west-1/
      eu-north-1: s3://crm-eu-north-1/
    categories:
      health:
        primaryRegion: eu-central-2
        storagePrefix: s3://crm-health/
      financial:
        primaryRegion: eu-north-1
        replicationRegions: [eu-west-1]
`;

function residency() {
  const result = validatePolicy(POLICY, { now: NOW });
  expect(result.errors).toEqual([]);

  return compilePolicy(result.document as PolicyDocument);
}

function transfer(category: string, toRegion: string) {
  return evaluatePolicies(
    [residency()],
    { action: 'data.transfer', resource: { entity: category }, context: { toRegion } },
    NOW,
  );
}

describe('per-category residency', () => {
  it('should place a category apart in its own region under its own prefix', () => {
    expect(resolvePlacement(residency().residency!, 'health')).toEqual({
      region: 'eu-central-2',
      prefix: 's3://crm-health/',
    });
  });

  it("should fall back to the prefix of the category's region when it names none", () => {
    expect(resolvePlacement(residency().residency!, 'financial')).toEqual({
      region: 'eu-north-1',
      prefix: 's3://crm-eu-north-1/',
    });
  });

  it('should place every other category in the primary region of the section', () => {
    expect(resolvePlacement(residency().residency!, 'contact')).toEqual({
      region: 'eu-west-1',
      prefix: 's3://crm-eu-west-1/',
    });
  });

  it("should keep a category within its own regions, not the section's", () => {
    // The section allows eu-central-1 for the rest; health lists no replication at all.
    expect(transfer('health', 'eu-central-2').decision).toBe('allow');
    expect(transfer('health', 'eu-central-1')).toMatchObject({
      decision: 'deny',
      ruleId: 'residency',
      reason: 'health data may not leave eu-central-2 for eu-central-1',
    });
    expect(transfer('financial', 'eu-west-1').decision).toBe('allow');
    expect(transfer('financial', 'eu-central-1').decision).toBe('deny');
  });

  it('should judge categories without a placement of their own by the section', () => {
    expect(transfer('contact', 'eu-central-1').decision).toBe('allow');
    expect(transfer('contact', 'eu-central-2').decision).toBe('deny');
  });

  it('should compile a section without categories to the same decisions as before', () => {
    const plain = compilePolicy(
      validatePolicy(POLICY.replace(/ {4}categories:[\s\S]*$/, ''), { now: NOW })
        .document as PolicyDocument,
    );

    expect(resolvePlacement(plain.residency!, 'health').region).toBe('eu-west-1');
    expect(
      evaluatePolicies(
        [plain],
        {
          action: 'data.transfer',
          resource: { entity: 'health' },
          context: { toRegion: 'eu-central-1' },
        },
        NOW,
      ).decision,
    ).toBe('allow');
  });
});
