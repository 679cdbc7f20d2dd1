import { FieldEncryption } from '../encryption/field-encryption';
import { CryptoError } from '../errors/crypto.error';
import { encryptedEntityDefinition } from './encrypted-column.metadata';

/**
 * The blind index to look a value up by, computed as the subscriber computes it for the
 * column: `where: { emailIndex: await indexOf(encryption, Contact, 'email', input, id) }`.
 */
export async function indexOf(
  encryption: FieldEncryption,
  entity: abstract new (...args: never[]) => unknown,
  property: string,
  value: string,
  companyId: string,
): Promise<string> {
  const column = encryptedEntityDefinition(entity)?.columns.find(
    (candidate) => candidate.property === property,
  );

  if (!column?.blindIndex) {
    throw new CryptoError('invalid_input', `${entity.name}.${property} has no blind index`);
  }

  return encryption.blindIndex(column.indexKind ?? 'text', value, companyId);
}
