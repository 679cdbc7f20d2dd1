import { ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';

import { DSR_SCHEMA } from './migrations/dsr.migrations';
import { PendingCollectionsController } from './pending-collections.controller';

@Module({
  imports: [ServiceDatabaseModule.forService({ service: 'dsr', schema: DSR_SCHEMA, entities: [] })],
  controllers: [PendingCollectionsController],
})
export class DsrServiceModule {}
