import { randomBytes } from 'node:crypto';

import { KeyConfigurationError } from '../../errors/key-configuration.error';
import { decodeMasterKey, LocalSecretSettings, readLocalSecret } from './local-secret';

function refusal(settings: LocalSecretSettings): KeyConfigurationError {
  try {
    readLocalSecret(settings);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyConfigurationError);
    return error as KeyConfigurationError;
  }
  throw new Error('accepted');
}

describe('readLocalSecret', () => {
  it('should refuse to start in production without a key, naming the setting', () => {
    const error = refusal({ environment: 'production' });

    expect(error.setting).toBe('local.masterKey');
    expect(error.message).toMatch(/^local\.masterKey: missing/);
  });

  it('should refuse a generated key in production even when allowed', () => {
    expect(refusal({ environment: 'production', allowGeneratedKey: true }).setting).toBe(
      'local.allowGeneratedKey',
    );
  });

  it('should refuse a short master key anywhere, and a uniform one in production', () => {
    const short = randomBytes(31).toString('base64');
    const uniform = Buffer.alloc(32, 7).toString('hex');

    expect(refusal({ environment: 'test', masterKey: short }).message).toContain(
      'too short: 31 bytes',
    );
    expect(refusal({ environment: 'production', masterKey: uniform }).message).toContain(
      'every byte is the same',
    );
    expect(readLocalSecret({ environment: 'test', masterKey: uniform }).kind).toBe('master-key');
  });

  it('should refuse a short passphrase in production and too few PBKDF2 rounds anywhere', () => {
    expect(refusal({ environment: 'production', passphrase: 'fifteen chars!!' }).setting).toBe(
      'local.passphrase',
    );
    expect(
      refusal({ environment: 'test', passphrase: 'long enough passphrase', pbkdf2Iterations: 1000 })
        .setting,
    ).toBe('local.pbkdf2Iterations');
  });

  it('should refuse text that is neither hex nor base64, and both secrets at once', () => {
    expect(refusal({ environment: 'test', masterKey: 'not a key!' }).message).toContain(
      'not base64 or hex',
    );
    expect(
      refusal({ environment: 'test', masterKey: randomBytes(32).toString('hex'), passphrase: 'x' })
        .message,
    ).toContain('not both');
  });

  it('should never repeat the secret in the error', () => {
    const masterKey = `${randomBytes(20).toString('hex')}`;

    expect(refusal({ environment: 'production', masterKey }).message).not.toContain(masterKey);
  });

  it('should fall back to a generated key in development only when allowed', () => {
    expect(refusal({ environment: 'development' }).setting).toBe('local.masterKey');
    expect(readLocalSecret({ environment: 'development', allowGeneratedKey: true })).toEqual({
      kind: 'generated',
    });
  });

  it('should accept a strong passphrase in production with 600,000 rounds by default', () => {
    expect(
      readLocalSecret({ environment: 'production', passphrase: 'correct horse battery staple' }),
    ).toEqual({
      kind: 'passphrase',
      passphrase: 'correct horse battery staple',
      iterations: 600_000,
    });
  });
});

describe('decodeMasterKey', () => {
  it('should read hex, base64 and base64url', () => {
    const key = randomBytes(32);

    expect(decodeMasterKey(key.toString('hex'))).toEqual(key);
    expect(decodeMasterKey(key.toString('base64'))).toEqual(key);
    expect(decodeMasterKey(key.toString('base64url'))).toEqual(key);
    expect(decodeMasterKey(` ${key.toString('base64')}\n`)).toEqual(key);
  });
});
