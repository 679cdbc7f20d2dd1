import { randomBytes, randomUUID } from 'node:crypto';

import { CryptoError } from '../errors/crypto.error';
import { parseCiphertext } from './ciphertext-format';
import { FieldBinding } from './field-binding';
import { openField, sealField } from './field-cipher';

const key = randomBytes(32);
const ref = { keyId: randomUUID(), version: 1 };
const binding: FieldBinding = {
  companyId: randomUUID(),
  entity: 'contact',
  field: 'email',
  recordId: randomUUID(),
};
const PLAINTEXT = 'ada.lovelace@example.com';

function open(text: string, where: FieldBinding = binding): string {
  return openField(key, parseCiphertext(text), where);
}

function failure(attempt: () => unknown): CryptoError {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).message).not.toContain('ada');
    return error as CryptoError;
  }
  throw new Error('no failure');
}

/** Flips one bit of one byte of a base64url part, keeping the spelling canonical. */
function flipByte(text: string, part: number, byte = 0): string {
  const parts = text.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[byte] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('sealField and openField', () => {
  it('should round-trip text of any script, and the empty string', () => {
    for (const value of [PLAINTEXT, '', 'Zoë Ω 漢字 🎉', 'x'.repeat(10_000)]) {
      expect(open(sealField(key, ref, binding, value))).toBe(value);
    }
  });

  it('should fail authentication when the row, column, entity or company differs', () => {
    const sealed = sealField(key, ref, binding, PLAINTEXT);
    const elsewhere: Partial<FieldBinding>[] = [
      { recordId: randomUUID() },
      { field: 'phone' },
      { entity: 'lead' },
      { companyId: randomUUID() },
    ];

    for (const change of elsewhere) {
      const error = failure(() => open(sealed, { ...binding, ...change }));
      expect(error.reason).toBe('authentication_failed');
    }
  });

  it('should fail authentication when any byte of nonce, ciphertext or tag is flipped', () => {
    const sealed = sealField(key, ref, binding, PLAINTEXT);

    for (const [part, bytes] of [
      [3, 12],
      [4, PLAINTEXT.length],
      [5, 16],
    ]) {
      for (let byte = 0; byte < bytes; byte += 1) {
        expect(failure(() => open(flipByte(sealed, part, byte))).reason).toBe(
          'authentication_failed',
        );
      }
    }
  });

  it('should fail when the header names another key version or the key is wrong', () => {
    const sealed = sealField(key, ref, binding, PLAINTEXT);
    const otherVersion = sealed.replace(`.${ref.version}.`, '.2.');

    expect(failure(() => open(otherVersion)).reason).toBe('authentication_failed');
    expect(failure(() => openField(randomBytes(32), parseCiphertext(sealed), binding)).reason).toBe(
      'authentication_failed',
    );
  });

  it('should refuse a truncated value or an unknown format version as malformed', () => {
    const sealed = sealField(key, ref, binding, PLAINTEXT);

    for (const cut of [sealed.slice(0, -4), sealed.slice(0, sealed.lastIndexOf('.')), 'v1']) {
      expect(failure(() => open(cut)).reason).toBe('malformed_ciphertext');
    }
    expect(failure(() => open(sealed.replace(/^v1/, 'v9'))).message).toBe(
      'the encrypted value is malformed (unknown format version)',
    );
  });

  it('should refuse text that UTF-8 cannot carry unchanged', () => {
    expect(failure(() => sealField(key, ref, binding, 'lone \ud800')).reason).toBe('invalid_input');
  });
});
