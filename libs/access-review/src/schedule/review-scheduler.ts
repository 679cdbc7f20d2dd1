import { AppConfig, APP_CONFIG } from '@compliance/config';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

import { ReviewRunner } from './review-runner.service';

/**
 * The in-process schedule: campaigns checked at the configured moment (the 1st of each
 * month by default; each company's cadence decides whether that opens a period), due
 * dates and reminders daily. Every replica runs it; the work itself makes sure only one of them
 * opens, closes or mails anything.
 */
@Injectable()
export class ReviewScheduler implements OnApplicationBootstrap {
  private readonly logger = createLogger(ReviewScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly runner: ReviewRunner,
  ) {}

  onApplicationBootstrap(): void {
    const { campaignCron, dailyCron } = this.config.accessReview;

    this.add('access-review-campaigns', campaignCron, () =>
      this.runner.startCampaigns({ trigger: 'schedule' }),
    );
    this.add('access-review-due-dates', dailyCron, () => this.runner.processDue());
  }

  private add(name: string, expression: string, work: () => Promise<unknown>): void {
    const job = CronJob.from({
      cronTime: expression,
      onTick: async () => {
        try {
          await work();
        } catch (error) {
          // The next tick tries again; nothing it did is half-committed.
          this.logger.error({ err: error, job: name }, 'scheduled access review work failed');
        }
      },
    });

    this.registry.addCronJob(name, job);
    job.start();
    this.logger.info({ job: name, cron: expression }, 'scheduled');
  }
}
