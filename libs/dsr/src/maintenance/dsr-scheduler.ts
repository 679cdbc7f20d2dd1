import { AppConfig, APP_CONFIG } from '@compliance/config';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

import { DsrMaintenanceService } from './dsr-maintenance.service';

/** Stalled tasks are looked at every hour, so no request sits an hour without a retry. */
export const RETRY_STALLED_CRON = '0 * * * *';
/** Snapshots past their rollback window are shredded once a day, out of office hours. */
export const SHRED_SNAPSHOTS_CRON = '30 4 * * *';

/**
 * The in-process schedule of the DSR service. Every replica ticks; each job claims its
 * run row (per day, or per hour for retries), so only one replica does the work.
 */
@Injectable()
export class DsrScheduler implements OnApplicationBootstrap {
  private readonly logger = createLogger(DsrScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly maintenance: DsrMaintenanceService,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule('dsr-deadlines', this.config.dsr.deadlineCron, () =>
      this.maintenance.checkDeadlines(),
    );
    this.schedule('dsr-retry-stalled', RETRY_STALLED_CRON, () =>
      this.maintenance.retryStalledOnce(),
    );
    this.schedule('dsr-shred-snapshots', SHRED_SNAPSHOTS_CRON, () =>
      this.maintenance.shredExpiredSnapshotsOnce(),
    );
  }

  private schedule(name: string, cronTime: string, work: () => Promise<unknown>): void {
    const job = CronJob.from({
      cronTime,
      onTick: async () => {
        try {
          await work();
        } catch (error) {
          // The next tick tries again; what was done stays done (each step is idempotent).
          this.logger.error({ err: error, job: name }, 'scheduled DSR job failed');
        }
      },
    });

    this.registry.addCronJob(name, job);
    job.start();
    this.logger.info({ job: name, cron: cronTime }, 'scheduled');
  }
}
