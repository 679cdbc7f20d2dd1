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

/** A key version with the spellings every value under it starts with, made once per version. */
export interface LabelledKeyVersion extends KeyVersionRef {
  header: string;
  prefix: string;
}

export function labelKeyVersion(ref: KeyVersionRef): LabelledKeyVersion {
  const header = ciphertextHeader(ref);

  return { keyId: ref.keyId, version: ref.version, header, prefix: `${header}.` };
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
  return formatSealed(ciphertextPrefix(ref), sealed);
}

/** The same, after the `v1.<keyId>.<keyVersion>.` prefix a caller keeps per key version. */
export function formatSealed(prefix: string, sealed: GcmSealed): string {
  return (
    prefix +
    toBase64Url(sealed.nonce) +
    '.' +
    toBase64Url(sealed.ciphertext) +
    '.' +
    toBase64Url(sealed.tag)
  );
}

/** The last header that passed the checks: values under one key version share it. */
let lastHeader: KeyVersionRef & { header: string } = { header: '', keyId: '', version: 0 };

/** Strict: any deviation from the one canonical spelling is refused before decryption. */
export function parseCiphertext(text: unknown): ParsedCiphertext {
  if (typeof text !== 'string') {
    throw CryptoError.malformed('not text');
  }

  const dots = dotPositions(text);

  if (!dots) {
    throw CryptoError.malformed('wrong number of parts');
  }

  const [, , headerEnd, nonceEnd, ciphertextEnd] = dots;
  const header = text.slice(0, headerEnd);
  const ref = header === lastHeader.header ? lastHeader : checkHeader(text, dots);

  const nonce = fromBase64Url(text.slice(headerEnd + 1, nonceEnd));
  const ciphertext = fromBase64Url(text.slice(nonceEnd + 1, ciphertextEnd));
  const tag = fromBase64Url(text.slice(ciphertextEnd + 1));

  if (nonce?.length !== GCM_NONCE_BYTES) {
    throw CryptoError.malformed('nonce');
  }

  if (!ciphertext) {
    throw CryptoError.malformed('ciphertext');
  }

  if (tag?.length !== GCM_TAG_BYTES) {
    throw CryptoError.malformed('tag');
  }

  return { header, keyId: ref.keyId, version: ref.version, nonce, ciphertext, tag };
}

/** The five separators of a six-part value, or undefined when there are more or fewer. */
function dotPositions(text: string): number[] | undefined {
  const dots: number[] = [];

  for (let at = text.indexOf('.'); at !== -1; at = text.indexOf('.', at + 1)) {
    if (dots.push(at) > 5) {
      return undefined;
    }
  }

  return dots.length === 5 ? dots : undefined;
}

function checkHeader(text: string, [formatEnd, keyIdEnd, headerEnd]: number[]): KeyVersionRef {
  if (text.slice(0, formatEnd) !== CIPHERTEXT_FORMAT) {
    throw CryptoError.malformed('unknown format version');
  }

  const keyId = text.slice(formatEnd + 1, keyIdEnd);

  if (!KEY_ID.test(keyId)) {
    throw CryptoError.malformed('key id');
  }

  const versionText = text.slice(keyIdEnd + 1, headerEnd);
  const version = KEY_VERSION.test(versionText) ? Number(versionText) : NaN;

  if (!(version <= MAX_KEY_VERSION)) {
    throw CryptoError.malformed('key version');
  }

  lastHeader = { header: text.slice(0, headerEnd), keyId, version };

  return lastHeader;
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
