import { MigrationSet } from '@compliance/persistence';

import { CreateRetentionSchema1733300004000 } from './1733300004000-create-retention-schema';
import { CreateRetentionTables1733500000000 } from './1733500000000-create-retention-tables';
import { AddPolicyRuleSource1733800000000 } from './1733800000000-add-policy-rule-source';
import { CreateArchivePlacements1734500000000 } from './1734500000000-create-archive-placements';

export const RETENTION_SCHEMA = 'retention';

export const retentionMigrations: MigrationSet = {
  schema: RETENTION_SCHEMA,
  migrations: [
    CreateRetentionSchema1733300004000,
    CreateRetentionTables1733500000000,
    AddPolicyRuleSource1733800000000,
    CreateArchivePlacements1734500000000,
  ],
};
