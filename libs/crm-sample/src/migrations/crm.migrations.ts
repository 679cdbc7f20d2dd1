import { MigrationSet } from '@compliance/persistence';

import { CreateCrmSchema1733600000000 } from './1733600000000-create-crm-schema';
import { AddCrmMessaging1733600001000 } from './1733600001000-add-crm-messaging';
import { KeepConnectorTaskOutcomes1733600002000 } from './1733600002000-keep-connector-task-outcomes';

export const CRM_SCHEMA = 'crm';

export const crmMigrations: MigrationSet = {
  schema: CRM_SCHEMA,
  migrations: [
    CreateCrmSchema1733600000000,
    AddCrmMessaging1733600001000,
    KeepConnectorTaskOutcomes1733600002000,
  ],
};
