import { AppConfig } from '@compliance/config';
import { DataSource } from 'typeorm';

import { ArchivePlacement, ArchiveStore } from '../archive/archive-store';
import { archiveStoreFrom } from '../archive/archive-store.factory';
import { StoredArchivePlacement } from '../archive/stored-archive-placement';
import { SubjectBlocksRepository } from '../blocks/subject-blocks.repository';
import { DataMapCatalog } from '../data-maps/data-map-catalog.service';
import { LegalHoldsService } from '../holds/legal-holds.service';
import { RetentionLogsService } from '../logs/retention-logs.service';
import { RetentionPoliciesService } from '../policies/retention-policies.service';
import { PurgeScopeFactory } from '../purge/purge-scope.factory';
import { PurgeExecutor } from '../runs/purge-executor.service';
import { RetentionPreviewService } from '../runs/retention-preview.service';
import { RetentionRunsService } from '../runs/retention-runs.service';
import { ScheduledRunsService } from '../schedule/scheduled-runs.service';
import { Clock, RetentionSettings, systemClock } from './retention.tokens';

export interface RetentionToolkit {
  catalog: DataMapCatalog;
  policies: RetentionPoliciesService;
  holds: LegalHoldsService;
  logs: RetentionLogsService;
  blocks: SubjectBlocksRepository;
  previews: RetentionPreviewService;
  runs: RetentionRunsService;
  executor: PurgeExecutor;
  scheduled: ScheduledRunsService;
}

export interface ToolkitOptions {
  settings: RetentionSettings;
  store: ArchiveStore;
  clock?: Clock;
  placement?: ArchivePlacement;
}

/**
 * The service's parts wired over one pool, without Nest: what the CLI, the benchmark and
 * the integration tests use. Outbox rows are written as usual; the running service's
 * relay publishes them.
 */
export function createRetentionToolkit(
  dataSource: DataSource,
  options: ToolkitOptions,
): RetentionToolkit {
  const clock = options.clock ?? systemClock;
  const catalog = new DataMapCatalog(dataSource);
  const scopes = new PurgeScopeFactory(dataSource, catalog);
  const policies = new RetentionPoliciesService(dataSource, catalog);
  const previews = new RetentionPreviewService(dataSource, options.settings, clock, scopes);
  const executor = new PurgeExecutor(
    dataSource,
    { nudge: () => undefined },
    options.settings,
    options.store,
    options.placement ?? new StoredArchivePlacement(dataSource),
    scopes,
  );
  const runs = new RetentionRunsService(dataSource, clock, policies, previews, executor, scopes);

  return {
    catalog,
    policies,
    holds: new LegalHoldsService(dataSource, catalog),
    logs: new RetentionLogsService(dataSource),
    blocks: new SubjectBlocksRepository(dataSource),
    previews,
    runs,
    executor,
    scheduled: new ScheduledRunsService(dataSource, clock, runs, executor),
  };
}

/** The toolkit as configured for this process: settings and archive store from config. */
export function createConfiguredRetentionToolkit(
  dataSource: DataSource,
  config: AppConfig,
): RetentionToolkit {
  return createRetentionToolkit(dataSource, {
    settings: {
      batchSize: config.retention.batchSize,
      pauseMs: config.retention.batchPauseMs,
      cron: config.retention.cron,
    },
    store: archiveStoreFrom(config.retention),
  });
}
