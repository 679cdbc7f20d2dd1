import { ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';

import { AuditQueryController } from './audit-query/audit-query.controller';
import { DryRunService } from './dry-run/dry-run.service';
import { ActivePoliciesRepository } from './evaluation/active-policies.repository';
import { EvaluationService } from './evaluation/evaluation.service';
import { PolicyLifecycleController } from './lifecycle/policy-lifecycle.controller';
import { PolicyLifecycleService } from './lifecycle/policy-lifecycle.service';
import { PolicyLogsService } from './logs/policy-logs.service';
import { POLICY_SCHEMA } from './migrations/policy.migrations';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { PolicyEntity } from './policies/policy.entity';
import { PolicyVersionEntity } from './policies/policy-version.entity';
import { ResidencyConfigEntity } from './residency/residency-config.entity';
import { ResidencyController } from './residency/residency.controller';
import { ResidencyService } from './residency/residency.service';
import { TransferImpactController } from './transfer-impact/transfer-impact.controller';
import { TransferImpactService } from './transfer-impact/transfer-impact.service';

@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: 'policy',
      schema: POLICY_SCHEMA,
      entities: [PolicyEntity, PolicyVersionEntity, ResidencyConfigEntity],
    }),
  ],
  controllers: [
    AuditQueryController,
    PoliciesController,
    PolicyLifecycleController,
    ResidencyController,
    TransferImpactController,
  ],
  providers: [
    ActivePoliciesRepository,
    DryRunService,
    EvaluationService,
    PoliciesService,
    PolicyLifecycleService,
    PolicyLogsService,
    ResidencyService,
    TransferImpactService,
  ],
})
export class PolicyServiceModule {}
