import { ENTITIES } from '@compliance/policy-engine';

export const SAMPLE_POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: bench, frameworks: [GDPR] }
spec:
  retention:
    rules:
      - { id: contacts, entity: contact, period: P3Y, dateField: lastActivityAt, method: hard }
      - entity: lead
        period: P1Y
        dateField: createdAt
        method: soft
        softDeleteField: deletedAt
        conditions: [{ field: status, operator: in, value: [lost, disqualified] }]
  residency: { primaryRegion: eu-west-1, replicationRegions: [eu-central-1] }
  encryption: { fields: [{ entity: contact, fields: [email, phone] }] }
  accessReview: { inactivityDays: 90 }
  exceptions:
    - { id: keep, rule: contacts, resource: { entity: contact, id: c9 }, reason: hold, approvedBy: dpo, expiresAt: 2099-01-01 }
`;

/** A policy with `count` retention rules, each told apart by a condition. */
export function largePolicy(count: number): string {
  const rules = Array.from({ length: count }, (_, index) =>
    [
      `      - id: rule-${index}`,
      `        entity: ${ENTITIES[index % ENTITIES.length]}`,
      `        period: P${(index % 9) + 1}Y`,
      '        dateField: createdAt',
      '        method: hard',
      '        conditions:',
      `          - { field: segment, operator: eq, value: s${index} }`,
    ].join('\n'),
  );

  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: large, frameworks: [SOC2] }
spec:
  retention:
    rules:
${rules.join('\n')}
`;
}
