import { ServiceDefinition } from '@compliance/platform';

import { policyMigrations } from './migrations/policy.migrations';
import { PolicyServiceModule } from './policy-service.module';

export const policyService: ServiceDefinition = {
  name: 'policy',
  module: PolicyServiceModule,
  migrations: [policyMigrations],
};
