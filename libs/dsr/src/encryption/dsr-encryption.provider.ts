import { fieldEncryptionToken, provideFieldEncryption } from '@compliance/crypto';
import { Provider } from '@nestjs/common';

export const DSR_ENCRYPTION = Symbol('DSR_ENCRYPTION');

/** The service's encryption, on its own pool and the key provider the configuration names. */
export const dsrEncryptionProviders: Provider[] = [
  ...provideFieldEncryption('dsr'),
  { provide: DSR_ENCRYPTION, useExisting: fieldEncryptionToken('dsr') },
];
