import { FieldBinding, FieldEncryption } from '@compliance/crypto';
import { Inject, Injectable } from '@nestjs/common';

import { DSR_ENCRYPTION } from '../encryption/dsr-encryption.provider';

/**
 * Seals and opens the company's DSR contact address. Nothing looks a company up by its
 * address, so no blind index is kept; the address is opened only to send a notice.
 */
@Injectable()
export class DsrContactSealer {
  constructor(@Inject(DSR_ENCRYPTION) private readonly encryption: FieldEncryption) {}

  seal(companyId: string, email: string): Promise<string> {
    return this.encryption.encrypt(email, contactBinding(companyId));
  }

  open(companyId: string, sealed: string): Promise<string> {
    return this.encryption.decrypt(sealed, contactBinding(companyId));
  }
}

function contactBinding(companyId: string): FieldBinding {
  return { companyId, entity: 'dsr.notice_contacts', field: 'email', recordId: companyId };
}
