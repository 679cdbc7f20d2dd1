import { buildAuditInput } from '../testing/audit-input.factory';
import { assertNoPersonalData } from './personal-data.guard';

describe('assertNoPersonalData', () => {
  it('should accept ids, blind indexes and ordinary details', () => {
    const input = buildAuditInput({
      details: {
        subjectId: '0b7c2f4e-8a61-4d2c-b1f3-5e9a7d6c4b20',
        emailBlindIndex: 'f3a9c1d2e4b5',
        policyName: 'retention',
        dependency: 'typeorm@0.3.31',
        changes: [{ field: 'status', from: 'draft', to: 'active' }],
      },
    });

    expect(() => assertNoPersonalData(input)).not.toThrow();
  });

  it('should refuse a string that looks like an e-mail address at any depth', () => {
    const inputs = [
      { note: 'ada@example.com' },
      { nested: { deeper: ['ok', 'sent to Ada.Lovelace+crm@mail.example.co.uk today'] } },
    ];

    for (const details of inputs) {
      expect(() => assertNoPersonalData(buildAuditInput({ details }))).toThrow(/e-mail/);
    }
  });

  it('should refuse keys that name personal data, whatever their case or separators', () => {
    const keys = ['email', 'Phone', 'ssn', 'name', 'address', 'ip', 'first_name', 'IP-Address'];

    for (const key of keys) {
      const details = { subject: { [key]: 'anything' } };

      expect(() => assertNoPersonalData(buildAuditInput({ details }))).toThrow(key);
    }
  });

  it('should refuse a personal key even when its value is empty', () => {
    const details = { list: [{ email: null }] };

    expect(() => assertNoPersonalData(buildAuditInput({ details }))).toThrow(/personal data/);
  });

  it('should refuse an e-mail address used as a key', () => {
    const details = { recipients: { 'ada@example.com': 'sent' } };

    expect(() => assertNoPersonalData(buildAuditInput({ details }))).toThrow(/e-mail/);
  });

  it('should refuse an e-mail address as actor or resource id', () => {
    const byActor = buildAuditInput({ actor: { type: 'user', id: 'ada@example.com' } });
    const byResource = buildAuditInput({ resourceId: 'ada@example.com' });

    expect(() => assertNoPersonalData(byActor)).toThrow(/actor\.id/);
    expect(() => assertNoPersonalData(byResource)).toThrow(/resourceId/);
  });

  it('should never repeat the offending value in its message', () => {
    const input = buildAuditInput({ details: { note: 'ada@example.com' } });

    expect(() => assertNoPersonalData(input)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('ada@') }),
    );
  });
});
