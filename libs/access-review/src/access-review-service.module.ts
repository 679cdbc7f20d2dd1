import { ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';

import { ACCESS_REVIEW_SCHEMA } from './migrations/access-review.migrations';
import { PendingCollectionsController } from './pending-collections.controller';

@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: 'access-review',
      schema: ACCESS_REVIEW_SCHEMA,
      entities: [],
    }),
  ],
  controllers: [PendingCollectionsController],
})
export class AccessReviewServiceModule {}
