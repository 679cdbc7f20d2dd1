import { AppConfig, APP_CONFIG } from '@compliance/config';
import { ServiceDatabaseModule } from '@compliance/platform';
import { ActivePolicyReader } from '@compliance/policy-settings';
import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { DataSource } from 'typeorm';

import { ARCHIVE_PLACEMENT, ARCHIVE_STORE } from './archive/archive-store';
import { archiveStoreFrom } from './archive/archive-store.factory';
import { StoredArchivePlacement } from './archive/stored-archive-placement';
import { DsrEventsController } from './blocks/dsr-events.controller';
import { SubjectBlocksRepository } from './blocks/subject-blocks.repository';
import { DataMapCatalog } from './data-maps/data-map-catalog.service';
import { DataMapsController } from './data-maps/data-maps.controller';
import { ErasureHoldsService } from './holds/erasure-holds.service';
import { LegalHoldsController } from './holds/legal-holds.controller';
import { LegalHoldsService } from './holds/legal-holds.service';
import { RetentionLogsController } from './logs/retention-logs.controller';
import { RetentionLogsService } from './logs/retention-logs.service';
import { RETENTION_SCHEMA } from './migrations/retention.migrations';
import { RetentionPoliciesController } from './policies/retention-policies.controller';
import { RetentionPoliciesService } from './policies/retention-policies.service';
import { RetentionImpactController } from './policy-impact/retention-impact.controller';
import { RetentionImpactService } from './policy-impact/retention-impact.service';
import { PolicyAppliedController } from './policy-sync/policy-applied.controller';
import { PolicyRuleSyncService } from './policy-sync/policy-rule-sync.service';
import { PurgeScopeFactory } from './purge/purge-scope.factory';
import { PurgeExecutor } from './runs/purge-executor.service';
import { RetentionPreviewService } from './runs/retention-preview.service';
import { RetentionRunsService } from './runs/retention-runs.service';
import { RetentionScheduler } from './schedule/retention-scheduler';
import { ScheduledRunsService } from './schedule/scheduled-runs.service';
import {
  RETENTION_CLOCK,
  RETENTION_DATA_SOURCE,
  RETENTION_SERVICE,
  RETENTION_SETTINGS,
  RetentionSettings,
  systemClock,
} from './support/retention.tokens';

/** The services a run needs, without the schedule: what the CLI hosts. */
export const RETENTION_PROVIDERS = [
  DataMapCatalog,
  ErasureHoldsService,
  LegalHoldsService,
  PurgeExecutor,
  PurgeScopeFactory,
  RetentionLogsService,
  RetentionPoliciesService,
  RetentionPreviewService,
  RetentionRunsService,
  ScheduledRunsService,
  SubjectBlocksRepository,
  {
    provide: ARCHIVE_PLACEMENT,
    inject: [RETENTION_DATA_SOURCE],
    useFactory: (dataSource: DataSource) => new StoredArchivePlacement(dataSource),
  },
  {
    provide: ARCHIVE_STORE,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => archiveStoreFrom(config.retention),
  },
  { provide: RETENTION_CLOCK, useValue: systemClock },
  {
    provide: RETENTION_SETTINGS,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): RetentionSettings => ({
      batchSize: config.retention.batchSize,
      pauseMs: config.retention.batchPauseMs,
      cron: config.retention.cron,
    }),
  },
];

@Module({
  imports: [
    ScheduleModule.forRoot(),
    ServiceDatabaseModule.forService({
      service: RETENTION_SERVICE,
      schema: RETENTION_SCHEMA,
      entities: [],
    }),
  ],
  controllers: [
    DataMapsController,
    DsrEventsController,
    LegalHoldsController,
    PolicyAppliedController,
    RetentionImpactController,
    RetentionLogsController,
    RetentionPoliciesController,
  ],
  providers: [
    ...RETENTION_PROVIDERS,
    ActivePolicyReader,
    PolicyRuleSyncService,
    RetentionImpactService,
    RetentionScheduler,
  ],
})
export class RetentionServiceModule {}
