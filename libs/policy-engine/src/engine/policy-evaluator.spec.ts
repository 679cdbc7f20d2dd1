import { validatePolicy } from '../validation/policy-validator';
import { compilePolicy } from './compiled-policy';
import { evaluatePolicies } from './policy-evaluator';
import { PolicyDocument } from './policy-document.types';

const NOW = new Date('2026-06-01T00:00:00Z');

const POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: test, frameworks: [GDPR] }
spec:
  enforcement: hard
  retention:
    rules:
      - { id: contacts, entity: contact, period: P3Y, dateField: lastActivityAt, method: hard }
      - entity: lead
        period: P1Y
        dateField: createdAt
        method: soft
        softDeleteField: deletedAt
        enforcement: soft
  residency:
    primaryRegion: eu-west-1
    replicationRegions: [eu-central-1]
    blockCrossRegionTransfers: true
  encryption:
    fields: [{ entity: contact, fields: [email] }]
  accessReview: { inactivityDays: 90, enforcement: soft }
  exceptions:
    - id: keep-c1
      rule: contacts
      resource: { entity: contact, id: c1 }
      reason: litigation
      approvedBy: dpo
      expiresAt: 2026-07-01
`;

function compiled() {
  const result = validatePolicy(POLICY, { now: NOW });
  expect(result.errors).toEqual([]);
  return [compilePolicy(result.document as PolicyDocument)];
}

describe('evaluatePolicies', () => {
  const policies = compiled();

  it('should deny a hard residency transfer out of the allowed regions', () => {
    const decision = evaluatePolicies(
      policies,
      {
        action: 'data.transfer',
        resource: { entity: 'contact' },
        context: { fromRegion: 'eu-west-1', toRegion: 'us-east-1' },
      },
      NOW,
    );

    expect(decision).toMatchObject({ decision: 'deny', ruleId: 'residency' });
  });

  it('should allow replication to an allowed region', () => {
    const decision = evaluatePolicies(
      policies,
      {
        action: 'data.transfer',
        resource: { entity: 'contact' },
        context: { toRegion: 'eu-central-1' },
      },
      NOW,
    );

    expect(decision.decision).toBe('allow');
  });

  it('should deny keeping a contact older than three years, and keep a younger one', () => {
    // 2026-06-01 minus P3Y is 2023-06-01: the day before is out, the day after is in.
    const old = {
      entity: 'contact',
      id: 'c2',
      attributes: { lastActivityAt: '2023-05-31T00:00:00Z' },
    };
    const young = {
      entity: 'contact',
      id: 'c3',
      attributes: { lastActivityAt: '2023-06-02T00:00:00Z' },
    };

    expect(
      evaluatePolicies(policies, { action: 'record.retain', resource: old }, NOW).decision,
    ).toBe('deny');
    expect(
      evaluatePolicies(policies, { action: 'record.retain', resource: young }, NOW).decision,
    ).toBe('allow');
  });

  it('should warn, not deny, for a soft rule', () => {
    const lead = { entity: 'lead', attributes: { createdAt: '2020-01-01' } };

    expect(
      evaluatePolicies(policies, { action: 'record.retain', resource: lead }, NOW),
    ).toMatchObject({
      decision: 'warn',
      ruleId: 'retention.lead',
    });
  });

  it('should apply an exception until it expires, then stop by itself', () => {
    const request = {
      action: 'record.retain' as const,
      resource: { entity: 'contact', id: 'c1', attributes: { lastActivityAt: '2020-01-01' } },
    };

    expect(evaluatePolicies(policies, request, NOW)).toMatchObject({
      decision: 'allow',
      exceptionId: 'keep-c1',
    });
    expect(evaluatePolicies(policies, request, new Date('2026-07-02T00:00:00Z')).decision).toBe(
      'deny',
    );
  });

  it('should deny an unencrypted required field and allow an encrypted one', () => {
    const base = { action: 'field.store' as const, resource: { entity: 'contact' } };

    expect(
      evaluatePolicies(policies, { ...base, context: { field: 'email', encrypted: false } }, NOW)
        .decision,
    ).toBe('deny');
    expect(
      evaluatePolicies(policies, { ...base, context: { field: 'email', encrypted: true } }, NOW)
        .decision,
    ).toBe('allow');
  });

  it('should flag a user inactive for longer than the threshold', () => {
    const decision = evaluatePolicies(
      policies,
      {
        action: 'access.retain',
        resource: { entity: 'user', id: 'u1' },
        context: { lastActiveAt: '2026-01-01' },
      },
      NOW,
    );

    expect(decision).toMatchObject({ decision: 'warn', ruleId: 'access-review' });
  });

  it('should allow what no rule covers', () => {
    expect(
      evaluatePolicies(policies, { action: 'record.retain', resource: { entity: 'ticket' } }, NOW),
    ).toEqual({
      decision: 'allow',
      ruleId: null,
      reason: 'no rule applies',
      policy: 'test',
    });
  });
});
