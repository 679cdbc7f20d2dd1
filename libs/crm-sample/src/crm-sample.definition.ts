import { cryptoMigrations } from '@compliance/crypto';
import { ServiceDefinition } from '@compliance/platform';

import { CRM_MODULE } from './connector/crm-data-map';
import { crmMigrations } from './migrations/crm.migrations';
import { CrmSampleModule } from './crm-sample.module';

/** The sample CRM, hosted like a service: alone on PostgreSQL and NATS, or in standalone. */
export const crmSampleService: ServiceDefinition = {
  name: CRM_MODULE,
  module: CrmSampleModule,
  migrations: [cryptoMigrations, crmMigrations],
};
