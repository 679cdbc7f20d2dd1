import { ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';

import { AuditQueryController } from './audit-query/audit-query.controller';
import { POLICY_SCHEMA } from './migrations/policy.migrations';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { PolicyEntity } from './policies/policy.entity';
import { PolicyVersionEntity } from './policies/policy-version.entity';
import { PendingCollectionsController } from './residency/pending-collections.controller';

@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: 'policy',
      schema: POLICY_SCHEMA,
      entities: [PolicyEntity, PolicyVersionEntity],
    }),
  ],
  controllers: [AuditQueryController, PendingCollectionsController, PoliciesController],
  providers: [PoliciesService],
})
export class PolicyServiceModule {}
