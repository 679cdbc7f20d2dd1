import { MigrationSet } from '@compliance/persistence';

import { CreateAuditTrail1733250000000 } from './create-audit-trail.migration';

/** Every service that records audit entries runs these with its own migrations. */
export const auditMigrations: MigrationSet = {
  schema: 'audit',
  migrations: [CreateAuditTrail1733250000000],
};
