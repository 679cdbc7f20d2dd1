import { EncryptedColumnLocation } from '@compliance/crypto';

/** The vault's columns holding field-encryption ciphertext, under the company's data key. */
export const VAULT_ENCRYPTED_COLUMNS: readonly EncryptedColumnLocation[] = [
  {
    schema: 'vault',
    table: 'secret_versions',
    column: 'value_ciphertext',
    companyColumn: 'company_id',
  },
  { schema: 'vault', table: 'secrets', column: 'notify_email_sealed', companyColumn: 'company_id' },
];
