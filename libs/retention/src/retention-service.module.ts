import { ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';

import { RETENTION_SCHEMA } from './migrations/retention.migrations';
import { PendingCollectionsController } from './pending-collections.controller';

@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: 'retention',
      schema: RETENTION_SCHEMA,
      entities: [],
    }),
  ],
  controllers: [PendingCollectionsController],
})
export class RetentionServiceModule {}
