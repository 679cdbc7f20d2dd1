import { ACCESS_REVIEW_ENCRYPTED_COLUMNS } from '@compliance/access-review';
import { CRM_ENCRYPTED_COLUMNS } from '@compliance/crm-sample';
import { EncryptedColumnLocation } from '@compliance/crypto';
import { DSR_ENCRYPTED_COLUMNS } from '@compliance/dsr';
import { VAULT_ENCRYPTED_COLUMNS } from '@compliance/vault';

/**
 * Every column of the platform that holds field-encryption ciphertext, as the libraries
 * owning the tables declare them. A key version is unused only when none of these holds a
 * value under it. Retention archives are files: they keep copies of these values, which a
 * retired version no longer decrypts, and are not counted here.
 */
export const PLATFORM_ENCRYPTED_COLUMNS: readonly EncryptedColumnLocation[] = [
  ...ACCESS_REVIEW_ENCRYPTED_COLUMNS,
  ...CRM_ENCRYPTED_COLUMNS,
  ...DSR_ENCRYPTED_COLUMNS,
  ...VAULT_ENCRYPTED_COLUMNS,
];
