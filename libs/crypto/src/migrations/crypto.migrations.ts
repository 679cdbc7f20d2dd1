import { MigrationSet } from '@compliance/persistence';

import { CreateCryptoKeyring1733400000000 } from './create-crypto-keyring.migration';

export const CRYPTO_SCHEMA = 'crypto';

export const cryptoMigrations: MigrationSet = {
  schema: CRYPTO_SCHEMA,
  migrations: [CreateCryptoKeyring1733400000000],
};
