/** Sample documents shared by the end-to-end suites. */
export const VALID_POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: eu-baseline
  frameworks: [GDPR]
spec:
  enforcement: hard
  retention: {}
`;

export const BROKEN_POLICY = 'apiVersion: compliance.crm/v1\nkind: [CompliancePolicy\n';
