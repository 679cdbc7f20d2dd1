import { MigrationSet } from '@compliance/persistence';

import { CreateDsrSchema1733300001000 } from './1733300001000-create-dsr-schema';

export const DSR_SCHEMA = 'dsr';

export const dsrMigrations: MigrationSet = {
  schema: DSR_SCHEMA,
  migrations: [CreateDsrSchema1733300001000],
};
