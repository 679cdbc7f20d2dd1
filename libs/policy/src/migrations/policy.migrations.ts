import { MigrationSet } from '@compliance/persistence';

import { CreatePolicySchema1733300000000 } from './1733300000000-create-policy-schema';
import { AddPolicyLifecycle1733400000000 } from './1733400000000-add-policy-lifecycle';
import { AddTransferChecks1733900000000 } from './1733900000000-add-transfer-checks';
import { AddResidencyCategories1734300000000 } from './1734300000000-add-residency-categories';
import { CreatePolicyJobRuns1734400000000 } from './1734400000000-create-policy-job-runs';

export const POLICY_SCHEMA = 'policy';

export const policyMigrations: MigrationSet = {
  schema: POLICY_SCHEMA,
  migrations: [
    CreatePolicySchema1733300000000,
    AddPolicyLifecycle1733400000000,
    AddTransferChecks1733900000000,
    AddResidencyCategories1734300000000,
    CreatePolicyJobRuns1734400000000,
  ],
};
