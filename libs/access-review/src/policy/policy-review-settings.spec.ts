import { reviewSettingsFromPolicies } from './policy-review-settings';

function policy(accessReview: string): string {
  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: reviews
spec:
  ${accessReview}
`;
}

describe('reviewSettingsFromPolicies', () => {
  it('should take the threshold, reviewers and auto-revoke from the access review section', () => {
    const settings = reviewSettingsFromPolicies([
      policy('accessReview: { inactivityDays: 30, reviewers: [security-team], autoRevoke: true }'),
    ]);

    expect(settings).toEqual({
      cadence: 'quarterly',
      inactivityDays: 30,
      adminRoles: ['security-team'],
      undecidedAction: 'revoke',
    });
  });

  it('should let a later policy override an earlier one field by field', () => {
    const settings = reviewSettingsFromPolicies([
      policy('accessReview: { cadence: monthly, inactivityDays: 30, reviewers: [security-team] }'),
      policy('accessReview: { inactivityDays: 45, autoRevoke: false }'),
    ]);

    expect(settings).toEqual({
      cadence: 'monthly',
      inactivityDays: 45,
      adminRoles: ['security-team'],
      undecidedAction: 'escalate',
    });
  });

  it('should take each cadence the schema allows', () => {
    for (const cadence of ['monthly', 'quarterly', 'semiannual', 'annual']) {
      const settings = reviewSettingsFromPolicies([
        policy(`accessReview: { cadence: ${cadence} }`),
      ]);

      expect(settings.cadence).toBe(cadence);
    }
  });

  it('should fall back to the defaults when no active policy has the section', () => {
    const settings = reviewSettingsFromPolicies([
      policy('residency: { primaryRegion: eu-west-1 }'),
    ]);

    expect(settings).toEqual({
      cadence: 'quarterly',
      inactivityDays: 90,
      adminRoles: ['admin'],
      undecidedAction: 'escalate',
    });
  });
});
