import { cryptoMigrations } from '@compliance/crypto';
import { ServiceDefinition } from '@compliance/platform';

import { dsrMigrations } from './migrations/dsr.migrations';
import { DsrServiceModule } from './dsr-service.module';

export const dsrService: ServiceDefinition = {
  name: 'dsr',
  module: DsrServiceModule,
  migrations: [cryptoMigrations, dsrMigrations],
};
