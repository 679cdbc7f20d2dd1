import { randomUUID } from 'node:crypto';

import { BindingAadCache } from './binding-aad.cache';
import { encodeBinding, FieldBinding } from './field-binding';

const header = `v1.${randomUUID()}.1`;
const base: FieldBinding = {
  companyId: randomUUID(),
  entity: 'contact',
  field: 'email',
  recordId: randomUUID(),
};

describe(BindingAadCache.name, () => {
  it('should encode exactly what encodeBinding does', () => {
    const cache = new BindingAadCache();

    for (const binding of [base, { ...base, recordId: 'Zoë 漢字' }, { ...base, entity: '' }]) {
      expect(cache.encode(header, binding).equals(encodeBinding(header, binding))).toBe(true);
    }
  });

  it('should reuse the bytes only for an equal header and binding', () => {
    const cache = new BindingAadCache();
    const first = cache.encode(header, base);

    expect(cache.encode(header, { ...base })).toBe(first);
  });

  it('should never reuse bytes across a different header or binding field', () => {
    const cache = new BindingAadCache();
    const changes: [string, FieldBinding][] = [
      [`v1.${randomUUID()}.1`, base],
      [header.replace(/1$/, '2'), base],
      [header, { ...base, companyId: randomUUID() }],
      [header, { ...base, entity: 'lead' }],
      [header, { ...base, field: 'phone' }],
      [header, { ...base, recordId: randomUUID() }],
    ];

    for (const [otherHeader, other] of changes) {
      cache.encode(header, base);
      const encoded = cache.encode(otherHeader, other);

      expect(encoded.equals(encodeBinding(otherHeader, other))).toBe(true);
      expect(encoded.equals(encodeBinding(header, base))).toBe(false);
      // And back: the first binding is not served the second one's bytes either.
      expect(cache.encode(header, base).equals(encodeBinding(header, base))).toBe(true);
    }
  });

  it('should keep the shared prefix apart from a record id that mimics a field', () => {
    const cache = new BindingAadCache();
    const moved = cache.encode(header, { ...base, field: 'em', recordId: `ail${base.recordId}` });

    expect(moved.equals(cache.encode(header, base))).toBe(false);
  });
});
