import { MigrationSet } from '@compliance/persistence';

import { CreatePolicySchema1733300000000 } from './1733300000000-create-policy-schema';

export const POLICY_SCHEMA = 'policy';

export const policyMigrations: MigrationSet = {
  schema: POLICY_SCHEMA,
  migrations: [CreatePolicySchema1733300000000],
};
