import { CryptoError } from '../errors/crypto.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = 'compliance.crypto.field-binding.v1';

/**
 * Where a value lives. Sealed into the ciphertext as associated data, so a value copied to
 * another row, column, entity or company no longer decrypts. `subjectId` picks the data
 * subject's own key (for crypto-shredding); the key itself then binds the subject.
 */
export interface FieldBinding {
  companyId: string;
  entity: string;
  field: string;
  recordId: string;
  subjectId?: string | null;
}

export function assertBinding(binding: FieldBinding): void {
  assertCompanyId(binding?.companyId);
  assertNonEmpty(binding.entity, 'entity');
  assertNonEmpty(binding.field, 'field');
  assertNonEmpty(binding.recordId, 'recordId');

  if (binding.subjectId !== undefined && binding.subjectId !== null) {
    assertSubjectId(binding.subjectId);
  }
}

/** The last company id that passed: a page of rows, and most processes, share one. */
let lastCompanyId: string | undefined;

export function assertCompanyId(companyId: unknown): asserts companyId is string {
  if (typeof companyId === 'string' && companyId === lastCompanyId) {
    return;
  }

  if (typeof companyId !== 'string' || !UUID.test(companyId)) {
    throw CryptoError.invalidBinding('companyId (a uuid)');
  }

  lastCompanyId = companyId;
}

function assertNonEmpty(value: unknown, field: string): void {
  if (typeof value !== 'string' || value === '') {
    throw CryptoError.invalidBinding(field);
  }
}

/** The keyring stores subject ids of up to 256 characters. */
export function assertSubjectId(subjectId: unknown): asserts subjectId is string {
  if (typeof subjectId !== 'string' || subjectId === '' || subjectId.length > 256) {
    throw CryptoError.invalidBinding('subjectId of at most 256 characters, when given,');
  }
}

/**
 * The associated data: the ciphertext header, then each binding field as a 4-byte length
 * and its UTF-8 bytes, in a fixed order. Length prefixes keep ("ab", "c") and ("a", "bc")
 * apart, which a separator character would not if a field held it.
 */
export function encodeBinding(header: string, binding: FieldBinding): Buffer {
  return appendRecordId(encodeBindingPrefix(header, binding), binding.recordId);
}

/** Every field but the record id: what the values of one column of one company share. */
export function encodeBindingPrefix(header: string, binding: FieldBinding): Buffer {
  return lengthPrefixed([
    DOMAIN,
    header,
    binding.companyId.toLowerCase(),
    binding.entity,
    binding.field,
  ]);
}

/** `prefix` followed by the length-prefixed record id, in a new buffer. */
export function appendRecordId(prefix: Buffer, recordId: string): Buffer {
  const length = Buffer.byteLength(recordId, 'utf8');
  const bytes = Buffer.allocUnsafe(prefix.length + 4 + length);

  prefix.copy(bytes, 0);
  bytes.writeUInt32BE(length, prefix.length);
  bytes.write(recordId, prefix.length + 4, 'utf8');

  return bytes;
}

function lengthPrefixed(texts: string[]): Buffer {
  const lengths = texts.map((text) => Buffer.byteLength(text, 'utf8'));
  const bytes = Buffer.allocUnsafe(lengths.reduce((sum, length) => sum + 4 + length, 0));
  let offset = 0;

  for (const [index, text] of texts.entries()) {
    offset = bytes.writeUInt32BE(lengths[index], offset);
    offset += bytes.write(text, offset, 'utf8');
  }

  return bytes;
}
