import { EncryptedColumnLocation } from '@compliance/crypto';

/**
 * The DSR service's ciphertext: a request's identifiers (one value per element of a jsonb
 * array), rectified values and the DSR contact address under the company's data key,
 * export parts under a key of their request's own.
 */
export const DSR_ENCRYPTED_COLUMNS: readonly EncryptedColumnLocation[] = [
  {
    schema: 'dsr',
    table: 'requests',
    column: 'identifiers',
    companyColumn: 'company_id',
    jsonArrayKey: 'sealed',
  },
  { schema: 'dsr', table: 'requests', column: 'changes_sealed', companyColumn: 'company_id' },
  { schema: 'dsr', table: 'export_parts', column: 'sealed', companyColumn: 'company_id' },
  {
    schema: 'dsr',
    table: 'notice_contacts',
    column: 'email_sealed',
    companyColumn: 'company_id',
  },
];
