import { ServiceDefinition } from '@compliance/platform';

import { retentionMigrations } from './migrations/retention.migrations';
import { RetentionServiceModule } from './retention-service.module';

export const retentionService: ServiceDefinition = {
  name: 'retention',
  module: RetentionServiceModule,
  migrations: [retentionMigrations],
};
