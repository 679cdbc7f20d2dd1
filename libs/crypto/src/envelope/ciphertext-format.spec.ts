import { randomBytes, randomUUID } from 'node:crypto';

import { CryptoError } from '../errors/crypto.error';
import { sealAesGcm } from './aes-gcm';
import {
  ciphertextPrefix,
  countValuesUnder,
  formatCiphertext,
  parseCiphertext,
} from './ciphertext-format';

const ref = { keyId: randomUUID(), version: 3 };

function sample(): string {
  return formatCiphertext(ref, sealAesGcm(randomBytes(32), Buffer.from('hello'), Buffer.alloc(0)));
}

function parseFailure(text: unknown): CryptoError {
  try {
    parseCiphertext(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    return error as CryptoError;
  }
  throw new Error('parsed');
}

describe('parseCiphertext', () => {
  it('should read back the key id, version and the three binary parts', () => {
    const text = sample();

    const parsed = parseCiphertext(text);

    expect(parsed).toMatchObject({ ...ref, header: `v1.${ref.keyId}.3` });
    expect(parsed.nonce).toHaveLength(12);
    expect(parsed.ciphertext).toHaveLength(5);
    expect(parsed.tag).toHaveLength(16);
  });

  it('should refuse each malformed part and name only the part', () => {
    const [format, keyId, version, nonce, body, tag] = sample().split('.');
    const cases: [string, string][] = [
      [[format, keyId, version, nonce, body].join('.'), 'wrong number of parts'],
      [['v2', keyId, version, nonce, body, tag].join('.'), 'unknown format version'],
      [[format, keyId.toUpperCase(), version, nonce, body, tag].join('.'), 'key id'],
      [[format, keyId, '03', nonce, body, tag].join('.'), 'key version'],
      [[format, keyId, '0', nonce, body, tag].join('.'), 'key version'],
      [[format, keyId, '2147483648', nonce, body, tag].join('.'), 'key version'],
      [[format, keyId, version, nonce.slice(1), body, tag].join('.'), 'nonce'],
      [[format, keyId, version, nonce, `${body}=`, tag].join('.'), 'ciphertext'],
      [[format, keyId, version, nonce, body, `${tag.slice(0, -1)}+`].join('.'), 'tag'],
      [[format, keyId, version, nonce, body, tag.slice(0, 20)].join('.'), 'tag'],
    ];

    for (const [text, part] of cases) {
      const error = parseFailure(text);

      expect(error.reason).toBe('malformed_ciphertext');
      expect(error.message).toBe(`the encrypted value is malformed (${part})`);
    }
  });

  it('should refuse base64url that is not the one canonical spelling of its bytes', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const [format, keyId, version, nonce, body, tag] = sample().split('.');
    // 16 bytes take 22 characters; the last one carries 2 bits and 4 spare bits that are
    // zero. Setting a spare bit names the same bytes, which Node's decoder accepts.
    const alias = alphabet[alphabet.indexOf(tag[tag.length - 1]) + 1];
    const altered = `${tag.slice(0, -1)}${alias}`;

    expect(Buffer.from(altered, 'base64url')).toEqual(Buffer.from(tag, 'base64url'));
    expect(parseFailure([format, keyId, version, nonce, body, altered].join('.')).message).toBe(
      'the encrypted value is malformed (tag)',
    );
  });

  it('should check the header of every value, also right after a good one under its key', () => {
    const text = sample();
    const [format, keyId, version, nonce, body, tag] = text.split('.');
    const rest = [nonce, body, tag];

    parseCiphertext(text);

    expect(parseFailure([format, keyId.toUpperCase(), version, ...rest].join('.')).message).toBe(
      'the encrypted value is malformed (key id)',
    );
    expect(parseFailure([format, keyId, `0${version}`, ...rest].join('.')).message).toBe(
      'the encrypted value is malformed (key version)',
    );
    expect(parseFailure(['v2', keyId, version, ...rest].join('.')).message).toBe(
      'the encrypted value is malformed (unknown format version)',
    );
    expect(parseFailure(`${text}.`).message).toBe(
      'the encrypted value is malformed (wrong number of parts)',
    );
    expect(parseCiphertext(text)).toMatchObject({ ...ref, header: `v1.${ref.keyId}.3` });
  });

  it('should refuse what is not text', () => {
    expect(parseFailure(42).message).toBe('the encrypted value is malformed (not text)');
    expect(parseFailure(null).reason).toBe('malformed_ciphertext');
  });
});

describe('countValuesUnder', () => {
  it('should count the values under one key version by their prefix', () => {
    const values = [
      sample(),
      sample(),
      null,
      formatCiphertext({ ...ref, version: 30 }, parseCiphertext(sample())),
    ];

    expect(countValuesUnder(values, ref)).toBe(2);
    expect(ciphertextPrefix(ref)).toBe(`v1.${ref.keyId}.3.`);
  });
});
