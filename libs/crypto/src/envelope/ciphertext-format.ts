import { CryptoError } from '../errors/crypto.error';
import { GCM_NONCE_BYTES, GCM_TAG_BYTES, GcmSealed } from './aes-gcm';
import { fromBase64Url, toBase64Url } from './base64url';

export const CIPHERTEXT_FORMAT = 'v1';

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_VERSION = /^[1-9][0-9]{0,9}$/;
const MAX_KEY_VERSION = 2_147_483_647;

/** Which data key sealed a value: the key set's id and the version within it. */
export interface KeyVersionRef {
  keyId: string;
  version: number;
}

export interface ParsedCiphertext extends KeyVersionRef, GcmSealed {
  /** `v1.<keyId>.<version>`, authenticated as part of the associated data. */
  header: string;
}

export function ciphertextHeader(ref: KeyVersionRef): string {
  return `${CIPHERTEXT_FORMAT}.${ref.keyId}.${ref.version}`;
}

/**
 * What every value sealed under one key version starts with, so a table can count them
 * with `LIKE prefix || '%'` (the prefix holds no LIKE wildcards).
 */
export function ciphertextPrefix(ref: KeyVersionRef): string {
  return `${ciphertextHeader(ref)}.`;
}

/** `v1.<keyId>.<keyVersion>.<nonce>.<ciphertext>.<tag>`, every binary part base64url. */
export function formatCiphertext(ref: KeyVersionRef, sealed: GcmSealed): string {
  const body = [sealed.nonce, sealed.ciphertext, sealed.tag].map(toBase64Url).join('.');

  return `${ciphertextHeader(ref)}.${body}`;
}

/** Strict: any deviation from the one canonical spelling is refused before decryption. */
export function parseCiphertext(text: unknown): ParsedCiphertext {
  if (typeof text !== 'string') {
    throw CryptoError.malformed('not text');
  }

  const parts = text.split('.');

  if (parts.length !== 6) {
    throw CryptoError.malformed('wrong number of parts');
  }

  const [format, keyId, versionText, nonceText, ciphertextText, tagText] = parts;

  if (format !== CIPHERTEXT_FORMAT) {
    throw CryptoError.malformed('unknown format version');
  }

  if (!KEY_ID.test(keyId)) {
    throw CryptoError.malformed('key id');
  }

  const version = KEY_VERSION.test(versionText) ? Number(versionText) : NaN;

  if (!(version <= MAX_KEY_VERSION)) {
    throw CryptoError.malformed('key version');
  }

  const nonce = fromBase64Url(nonceText);
  const ciphertext = fromBase64Url(ciphertextText);
  const tag = fromBase64Url(tagText);

  if (nonce?.length !== GCM_NONCE_BYTES) {
    throw CryptoError.malformed('nonce');
  }

  if (!ciphertext) {
    throw CryptoError.malformed('ciphertext');
  }

  if (tag?.length !== GCM_TAG_BYTES) {
    throw CryptoError.malformed('tag');
  }

  return { header: ciphertextHeader({ keyId, version }), keyId, version, nonce, ciphertext, tag };
}

export function isUnderKeyVersion(text: string, ref: KeyVersionRef): boolean {
  return text.startsWith(ciphertextPrefix(ref));
}

/** How many of `values` were sealed under `ref`; nulls and other versions are skipped. */
export function countValuesUnder(
  values: Iterable<string | null | undefined>,
  ref: KeyVersionRef,
): number {
  let count = 0;

  for (const value of values) {
    if (typeof value === 'string' && isUnderKeyVersion(value, ref)) {
      count += 1;
    }
  }

  return count;
}
