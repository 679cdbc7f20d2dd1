import { MigrationSet } from '@compliance/persistence';

import { CreateApiKeys1733250001000 } from './create-api-keys.migration';

export const authMigrations: MigrationSet = {
  schema: 'auth',
  migrations: [CreateApiKeys1733250001000],
};
