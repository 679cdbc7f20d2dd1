import { randomUUID } from 'node:crypto';

import { CryptoError } from '../errors/crypto.error';
import { assertBinding, encodeBinding, FieldBinding } from './field-binding';

const base: FieldBinding = {
  companyId: randomUUID(),
  entity: 'contact',
  field: 'email',
  recordId: '42',
};

describe('encodeBinding', () => {
  it('should keep apart fields whose concatenations are equal', () => {
    const first = encodeBinding('h', { ...base, entity: 'ab', field: 'c' });
    const second = encodeBinding('h', { ...base, entity: 'a', field: 'bc' });

    expect(first.equals(second)).toBe(false);
  });

  it('should treat the company id case-blind, as PostgreSQL does uuids', () => {
    const lower = encodeBinding('h', base);
    const upper = encodeBinding('h', { ...base, companyId: base.companyId.toUpperCase() });

    expect(lower.equals(upper)).toBe(true);
  });
});

describe('assertBinding', () => {
  it('should refuse a company id that is not a uuid and empty fields, naming the field', () => {
    const cases: [Partial<FieldBinding>, string][] = [
      [{ companyId: 'acme' }, 'companyId (a uuid)'],
      [{ entity: '' }, 'entity'],
      [{ field: '' }, 'field'],
      [{ recordId: '' }, 'recordId'],
      [{ subjectId: '' }, 'subjectId of at most 256 characters, when given,'],
      [{ subjectId: 's'.repeat(257) }, 'subjectId of at most 256 characters, when given,'],
    ];

    for (const [change, field] of cases) {
      expect(() => assertBinding({ ...base, ...change })).toThrow(
        new CryptoError('invalid_binding', `the binding needs a non-empty ${field}`),
      );
    }
  });
});
