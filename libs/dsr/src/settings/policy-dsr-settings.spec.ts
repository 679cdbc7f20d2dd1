import { DEFAULT_DSR_SETTINGS } from './dsr-settings';
import { dsrSettingsFromPolicies } from './policy-dsr-settings';

const policy = (name: string, dsr: string) => `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: ${name}
spec:
${dsr}`;

describe('dsrSettingsFromPolicies', () => {
  it('should give the defaults back when no active policy has a dsr section', () => {
    const settings = dsrSettingsFromPolicies([policy('empty', '  enforcement: soft\n')]);

    expect(settings).toEqual({
      verificationRequired: DEFAULT_DSR_SETTINGS.verificationRequired,
      deadlineDays: null,
      extensionMaxDays: null,
      enforcement: 'hard',
    });
  });

  it('should take the strictest of several policies, field by field', () => {
    const lenient = policy(
      'lenient',
      `  dsr:
    enforcement: soft
    deadlineDays: 25
    extension: { allowed: true, maxDays: 60 }
    identityVerificationRequired: false
`,
    );
    const strict = policy(
      'strict',
      `  dsr:
    enforcement: hard
    deadlineDays: 28
    extension: { allowed: true, maxDays: 30 }
    identityVerificationRequired: true
`,
    );

    expect(dsrSettingsFromPolicies([lenient, strict])).toEqual({
      verificationRequired: true,
      deadlineDays: 25,
      extensionMaxDays: 30,
      enforcement: 'hard',
    });
  });

  it('should leave the extension to the law when one is allowed without a limit', () => {
    const settings = dsrSettingsFromPolicies([
      policy('no-limit', '  dsr:\n    extension: { allowed: true }\n'),
      policy('limit', '  dsr:\n    extension: { allowed: true, maxDays: 40 }\n'),
    ]);

    expect(
      dsrSettingsFromPolicies([policy('alone', '  dsr:\n    extension: { allowed: true }\n')]),
    ).toMatchObject({ extensionMaxDays: null });
    expect(settings).toMatchObject({ extensionMaxDays: 40 });
  });

  it('should forbid extensions when a dsr section does not allow one', () => {
    const settings = dsrSettingsFromPolicies([
      policy('no-extension', '  dsr:\n    enforcement: soft\n    deadlineDays: 30\n'),
    ]);

    expect(settings).toMatchObject({ extensionMaxDays: 0, enforcement: 'soft' });
  });
});
