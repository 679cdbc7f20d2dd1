import { EncryptedColumnLocation } from '@compliance/crypto';

/**
 * The sample CRM's ciphertext columns. Contacts are sealed under the company's data key by
 * the seeder and under the contact's own key by the repository; erasure snapshots under a
 * key of their request's own.
 */
export const CRM_ENCRYPTED_COLUMNS: readonly EncryptedColumnLocation[] = [
  { schema: 'crm', table: 'contacts', column: 'email_encrypted', companyColumn: 'company_id' },
  { schema: 'crm', table: 'contacts', column: 'phone_encrypted', companyColumn: 'company_id' },
  { schema: 'crm', table: 'contacts', column: 'name_encrypted', companyColumn: 'company_id' },
  { schema: 'crm', table: 'connector_snapshots', column: 'sealed', companyColumn: 'company_id' },
];
