import { FieldBinding } from '@compliance/crypto';

/** Where a version's value lives: a ciphertext moved to another version or secret fails. */
export function valueBinding(companyId: string, versionId: string): FieldBinding {
  return { companyId, entity: 'vault.secret_versions', field: 'value', recordId: versionId };
}

/** A secret's contact address, bound to its company and secret. */
export function notifyEmailBinding(companyId: string, secretId: string): FieldBinding {
  return { companyId, entity: 'vault.secrets', field: 'notify_email', recordId: secretId };
}
