import { MigrationSet } from '@compliance/persistence';

import { CreateCrmSchema1733600000000 } from './1733600000000-create-crm-schema';

export const CRM_SCHEMA = 'crm';

export const crmMigrations: MigrationSet = {
  schema: CRM_SCHEMA,
  migrations: [CreateCrmSchema1733600000000],
};
