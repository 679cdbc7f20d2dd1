import { CryptoError } from '../errors/crypto.error';
import { openAesGcm, sealAesGcm } from './aes-gcm';
import {
  ciphertextHeader,
  formatCiphertext,
  KeyVersionRef,
  ParsedCiphertext,
} from './ciphertext-format';
import { encodeBinding, FieldBinding } from './field-binding';

/** UTF-8 has no spelling for a lone surrogate, so such text would not read back the same. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Seals one field value under a data key; the binding and the header become the AAD. */
export function sealField(
  key: Buffer,
  ref: KeyVersionRef,
  binding: FieldBinding,
  plaintext: string,
): string {
  if (typeof plaintext !== 'string' || LONE_SURROGATE.test(plaintext)) {
    throw new CryptoError('invalid_input', 'only well-formed text can be encrypted');
  }

  const aad = encodeBinding(ciphertextHeader(ref), binding);
  const sealed = sealAesGcm(key, Buffer.from(plaintext, 'utf8'), aad);

  return formatCiphertext(ref, sealed);
}

/**
 * Opens a parsed value. A wrong key, binding, header or any altered byte fails alike,
 * with an error that holds nothing of the value.
 */
export function openField(key: Buffer, parsed: ParsedCiphertext, binding: FieldBinding): string {
  const aad = encodeBinding(parsed.header, binding);
  let plaintext: Buffer;

  try {
    plaintext = openAesGcm(key, parsed, aad);
  } catch (failure) {
    throw CryptoError.authenticationFailed(failure);
  }

  return plaintext.toString('utf8');
}
