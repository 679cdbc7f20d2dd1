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

  for (const field of ['entity', 'field', 'recordId'] as const) {
    if (typeof binding[field] !== 'string' || binding[field] === '') {
      throw CryptoError.invalidBinding(field);
    }
  }

  if (binding.subjectId !== undefined && binding.subjectId !== null) {
    assertSubjectId(binding.subjectId);
  }
}

export function assertCompanyId(companyId: unknown): asserts companyId is string {
  if (typeof companyId !== 'string' || !UUID.test(companyId)) {
    throw CryptoError.invalidBinding('companyId (a uuid)');
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
  const fields = [
    DOMAIN,
    header,
    binding.companyId.toLowerCase(),
    binding.entity,
    binding.field,
    binding.recordId,
  ];

  return Buffer.concat(fields.flatMap(lengthPrefixed));
}

function lengthPrefixed(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);

  return [length, bytes];
}
