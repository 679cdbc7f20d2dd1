import { EncryptedColumnLocation } from '@compliance/crypto';

/** Reviewer addresses, sealed under the company's data key. */
export const ACCESS_REVIEW_ENCRYPTED_COLUMNS: readonly EncryptedColumnLocation[] = [
  { schema: 'access_review', table: 'users', column: 'email_sealed', companyColumn: 'company_id' },
];
