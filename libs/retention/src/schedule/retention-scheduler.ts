import { createLogger } from '@compliance/logging';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

import { RETENTION_SETTINGS, RetentionSettings } from '../support/retention.tokens';
import { ScheduledRunsService } from './scheduled-runs.service';

/**
 * The in-process schedule, daily at 02:00 unless configured otherwise. Every replica
 * ticks; the slot each run claims makes sure only one of them purges.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  private readonly logger = createLogger(RetentionScheduler.name);

  constructor(
    @Inject(RETENTION_SETTINGS) private readonly settings: RetentionSettings,
    private readonly registry: SchedulerRegistry,
    private readonly scheduled: ScheduledRunsService,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({
      cronTime: this.settings.cron,
      onTick: async () => {
        try {
          await this.scheduled.runDue('schedule');
        } catch (error) {
          // A failed run is recorded with its log; the next tick resumes or retries.
          this.logger.error({ err: error }, 'scheduled retention failed');
        }
      },
    });

    this.registry.addCronJob('retention-runs', job);
    job.start();
    this.logger.info({ cron: this.settings.cron }, 'scheduled');
  }
}
