import { ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

import { AuditQueryController } from './audit-query/audit-query.controller';
import { DryRunService } from './dry-run/dry-run.service';
import { ActivePoliciesRepository } from './evaluation/active-policies.repository';
import { EvaluationService } from './evaluation/evaluation.service';
import { PolicyLifecycleController } from './lifecycle/policy-lifecycle.controller';
import { PolicyLifecycleService } from './lifecycle/policy-lifecycle.service';
import { PolicyLogsService } from './logs/policy-logs.service';
import { PolicyMaintenanceService } from './maintenance/policy-maintenance.service';
import { PolicyScheduler } from './maintenance/policy-scheduler';
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
    ScheduleModule.forRoot(),
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
    PolicyMaintenanceService,
    PolicyScheduler,
    ResidencyService,
    TransferImpactService,
  ],
})
export class PolicyServiceModule {}
