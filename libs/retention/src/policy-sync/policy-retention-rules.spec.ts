import { periodDays, retentionRulesOf } from './policy-retention-rules';

const POLICY_ID = '6f1c2a8e-3b4d-4c5e-8f9a-0b1c2d3e4f5a';

function document(rules: string): string {
  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: keep-less
spec:
  retention:
    rules:
${rules}`;
}

describe('retentionRulesOf', () => {
  it('should map a rule with its conditions onto a retention policy', () => {
    const { rules, unmapped } = retentionRulesOf([
      {
        policyId: POLICY_ID,
        document: document(`      - entity: contact
        period: P18M
        dateField: created_at
        method: archive
        conditions:
          - { field: status, operator: ne, value: vip }
          - { field: owner_id, operator: eq, value: null }
          - { field: tags, operator: notIn, value: [keep] }
          - { field: email, operator: notExists }
`),
      },
    ]);

    expect(unmapped).toEqual([]);
    // P18M is 18 × 30 = 540 days.
    expect(rules).toEqual([
      {
        sourcePolicyId: POLICY_ID,
        sourceRuleId: 'retention.contact',
        name: 'keep-less: retention.contact',
        entity: 'contact',
        periodDays: 540,
        dateField: 'created_at',
        method: 'archive',
        softDeleteColumn: null,
        conditions: [
          { field: 'status', operator: 'neq', value: 'vip' },
          { field: 'owner_id', operator: 'is_null' },
          { field: 'tags', operator: 'not_in', value: ['keep'] },
          { field: 'email', operator: 'is_null' },
        ],
      },
    ]);
  });

  it('should map a soft rule onto a policy that marks the column it names', () => {
    const { rules, unmapped } = retentionRulesOf([
      {
        policyId: POLICY_ID,
        document: document(`      - id: soft-leads
        entity: lead
        period: P1Y
        dateField: created_at
        method: soft
        softDeleteField: deleted_at
`),
      },
    ]);

    expect(unmapped).toEqual([]);
    expect(rules).toEqual([
      expect.objectContaining({ method: 'soft', softDeleteColumn: 'deleted_at', periodDays: 365 }),
    ]);
  });

  it('should set aside a soft rule without its column and a camel-case column, with reasons', () => {
    // The first document predates the field: stored and active, it no longer validates.
    const { rules, unmapped } = retentionRulesOf([
      {
        policyId: POLICY_ID,
        document: document(`      - id: soft-leads
        entity: lead
        period: P1Y
        dateField: created_at
        method: soft
      - id: soft-camel
        entity: lead
        period: P2Y
        dateField: created_at
        method: soft
        softDeleteField: deletedAt
      - id: camel
        entity: deal
        period: P1Y
        dateField: closedAt
        method: hard
`),
      },
    ]);

    expect(rules).toEqual([]);
    expect(unmapped.map((rule) => [rule.sourceRuleId, rule.reason])).toEqual([
      ['soft-leads', 'a soft rule needs softDeleteField, the column it marks'],
      ['soft-camel', 'the soft-delete field must be a lowercase column name'],
      ['camel', 'entity and date field must be lowercase column names'],
    ]);
  });
});

describe('periodDays', () => {
  it('should round a period up to whole days, at least one', () => {
    // P3Y = 3 × 365; P2W = 14; PT1H is under a day, kept for one.
    expect([periodDays('P3Y'), periodDays('P2W'), periodDays('PT1H')]).toEqual([1095, 14, 1]);
  });
});
