import { CryptoError } from '../errors/crypto.error';
import { openAesGcm, sealAesGcm } from './aes-gcm';
import { BindingAadCache } from './binding-aad.cache';
import {
  formatSealed,
  KeyVersionRef,
  labelKeyVersion,
  LabelledKeyVersion,
  ParsedCiphertext,
} from './ciphertext-format';
import { FieldBinding } from './field-binding';

/** Node 20 has it; the ES2022 library types do not. */
interface WellFormedText {
  isWellFormed(): boolean;
}

/** Shared by sealing and opening, so opening a value just sealed reuses its bytes. */
const aadCache = new BindingAadCache();

/** Seals one field value under a data key; the binding and the header become the AAD. */
export function sealField(
  key: Buffer,
  ref: KeyVersionRef | LabelledKeyVersion,
  binding: FieldBinding,
  plaintext: string,
): string {
  // UTF-8 has no spelling for a lone surrogate, so such text would not read back the same.
  if (typeof plaintext !== 'string' || !(plaintext as unknown as WellFormedText).isWellFormed()) {
    throw new CryptoError('invalid_input', 'only well-formed text can be encrypted');
  }

  const label = 'prefix' in ref ? ref : labelKeyVersion(ref);
  const aad = aadCache.encode(label.header, binding);
  const sealed = sealAesGcm(key, Buffer.from(plaintext, 'utf8'), aad);

  return formatSealed(label.prefix, sealed);
}

/**
 * Opens a parsed value. A wrong key, binding, header or any altered byte fails alike,
 * with an error that holds nothing of the value.
 */
export function openField(key: Buffer, parsed: ParsedCiphertext, binding: FieldBinding): string {
  const aad = aadCache.encode(parsed.header, binding);
  let plaintext: Buffer;

  try {
    plaintext = openAesGcm(key, parsed, aad);
  } catch (failure) {
    throw CryptoError.authenticationFailed(failure);
  }

  return plaintext.toString('utf8');
}
