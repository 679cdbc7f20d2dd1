import { MigrationSet } from '@compliance/persistence';

import { CreateRetentionSchema1733300004000 } from './1733300004000-create-retention-schema';

export const RETENTION_SCHEMA = 'retention';

export const retentionMigrations: MigrationSet = {
  schema: RETENTION_SCHEMA,
  migrations: [CreateRetentionSchema1733300004000],
};
