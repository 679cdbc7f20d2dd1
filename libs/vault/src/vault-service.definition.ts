import { ServiceDefinition } from '@compliance/platform';

import { vaultMigrations } from './migrations/vault.migrations';
import { VaultServiceModule } from './vault-service.module';

export const vaultService: ServiceDefinition = {
  name: 'vault',
  module: VaultServiceModule,
  migrations: [vaultMigrations],
};
