import { createHmac, randomBytes } from 'node:crypto';

import { BLIND_INDEX_LENGTH, computeBlindIndex } from './blind-index';

const key = randomBytes(32);
const hex = { encoding: 'hex' as const, defaultCountryCode: '+1' };

describe('computeBlindIndex', () => {
  it('should give one index for every spelling of a value', () => {
    const emails = ['ada@example.com', ' ADA@Example.com ', 'Ada@EXAMPLE.COM'];
    const phones = ['(415) 555-0100', '+1 415 555 0100', '4155550100'];

    expect(new Set(emails.map((email) => computeBlindIndex(key, 'email', email, hex))).size).toBe(
      1,
    );
    expect(new Set(phones.map((phone) => computeBlindIndex(key, 'phone', phone, hex))).size).toBe(
      1,
    );
  });

  it('should be fixed length in hex and base64url', () => {
    for (const value of ['a', 'x'.repeat(1_000)]) {
      expect(computeBlindIndex(key, 'text', value, hex)).toMatch(/^[0-9a-f]{64}$/);
      expect(computeBlindIndex(key, 'text', value, { ...hex, encoding: 'base64url' })).toHaveLength(
        BLIND_INDEX_LENGTH.base64url,
      );
    }
  });

  it('should hash the domain, the kind and the normalised value, NUL apart', () => {
    const input = 'compliance.crypto.blind-index.v1\u0000email\u0000ada@example.com';

    expect(computeBlindIndex(key, 'email', ' Ada@Example.com', hex)).toBe(
      createHmac('sha256', key).update(input).digest('hex'),
    );
  });

  it('should hash text beyond ASCII as its UTF-8 bytes, as indexes already stored were', () => {
    const bytes = Buffer.concat([
      Buffer.from('compliance.crypto.blind-index.v1\u0000text\u0000', 'latin1'),
      Buffer.from([0x4a, 0x6f, 0x73, 0xc3, 0xa9, 0x20, 0xe5, 0x8c, 0x97, 0xf0, 0x9f, 0x98, 0x80]),
    ]);

    expect(computeBlindIndex(key, 'text', 'Jos\u00e9 \u5317\u{1f600}', hex)).toBe(
      createHmac('sha256', key).update(bytes).digest('hex'),
    );
  });

  it('should differ by key and by kind, and not be a bare HMAC of the value', () => {
    const index = computeBlindIndex(key, 'text', 'ada@example.com', hex);

    expect(computeBlindIndex(randomBytes(32), 'text', 'ada@example.com', hex)).not.toBe(index);
    expect(computeBlindIndex(key, 'email', 'ada@example.com', hex)).not.toBe(index);
    expect(createHmac('sha256', key).update('ada@example.com').digest('hex')).not.toBe(index);
  });
});
