import { FieldEncryption, InjectFieldEncryption } from '@compliance/crypto';
import { Injectable } from '@nestjs/common';

import { notifyEmailBinding } from '../support/value-binding';
import { VAULT_SERVICE } from '../support/vault.tokens';

/**
 * Seals and opens a secret's contact address. Nothing looks secrets up by address, so no
 * blind index is kept; the address is opened only to send an expiry notice.
 */
@Injectable()
export class NotifyEmailSealer {
  constructor(@InjectFieldEncryption(VAULT_SERVICE) private readonly encryption: FieldEncryption) {}

  async seal(companyId: string, secretId: string, email: string): Promise<string> {
    return this.encryption.encrypt(email, notifyEmailBinding(companyId, secretId));
  }

  async open(companyId: string, secretId: string, sealed: string): Promise<string> {
    return this.encryption.decrypt(sealed, notifyEmailBinding(companyId, secretId));
  }
}
