import { cryptoMigrations } from '@compliance/crypto';
import { ServiceDefinition } from '@compliance/platform';

import { accessReviewMigrations } from './migrations/access-review.migrations';
import { AccessReviewServiceModule } from './access-review-service.module';

export const accessReviewService: ServiceDefinition = {
  name: 'access-review',
  module: AccessReviewServiceModule,
  migrations: [cryptoMigrations, accessReviewMigrations],
};
