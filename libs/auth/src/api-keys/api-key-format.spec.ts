import { apiKeyMatches, apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-format';

describe('generateApiKey', () => {
  it('should make keys of the form ck_<prefix>_<secret> with a 256-bit secret', () => {
    const { key, prefix } = generateApiKey();

    // 32 random bytes are 43 base64url characters without padding.
    expect(key).toMatch(/^ck_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyPrefix(key)).toBe(prefix);
  });

  it('should hash the whole key and match only that key', () => {
    const { key, hash } = generateApiKey();

    expect(hash).toBe(hashApiKey(key));
    expect(apiKeyMatches(key, hash)).toBe(true);
    expect(apiKeyMatches(`${key.slice(0, -1)}x`, hash)).toBe(false);
    expect(apiKeyMatches(key, 'abcd')).toBe(false);
  });

  it('should find no prefix in text that is not a key', () => {
    expect(apiKeyPrefix('ck_short_secret')).toBeUndefined();
    expect(apiKeyPrefix('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBeUndefined();
  });
});
