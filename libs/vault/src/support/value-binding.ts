import { FieldBinding } from '@compliance/crypto';

/** Where a version's value lives: a ciphertext moved to another version or secret fails. */
export function valueBinding(companyId: string, versionId: string): FieldBinding {
  return { companyId, entity: 'vault.secret_versions', field: 'value', recordId: versionId };
}
