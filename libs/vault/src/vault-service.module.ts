import { ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';

import { VAULT_SCHEMA } from './migrations/vault.migrations';
import { PendingCollectionsController } from './pending-collections.controller';

@Module({
  imports: [
    ServiceDatabaseModule.forService({ service: 'vault', schema: VAULT_SCHEMA, entities: [] }),
  ],
  controllers: [PendingCollectionsController],
})
export class VaultServiceModule {}
