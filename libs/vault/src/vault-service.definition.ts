import { cryptoMigrations } from '@compliance/crypto';
import { ServiceDefinition } from '@compliance/platform';

import { vaultMigrations } from './migrations/vault.migrations';
import { VaultServiceModule } from './vault-service.module';

export const vaultService: ServiceDefinition = {
  name: 'vault',
  module: VaultServiceModule,
  // The keyring first: the service opens its key provider on start.
  migrations: [cryptoMigrations, vaultMigrations],
};
