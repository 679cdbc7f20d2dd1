import { createLogger } from '@compliance/logging';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

import { PolicyMaintenanceService } from './policy-maintenance.service';

/** Old transfer checks are deleted once a day, out of office hours. */
export const PRUNE_TRANSFER_CHECKS_CRON = '45 4 * * *';

/**
 * The in-process schedule of the policy service. Every replica ticks; the run row each
 * job claims for its day makes only one of them do the work.
 */
@Injectable()
export class PolicyScheduler implements OnApplicationBootstrap {
  private readonly logger = createLogger(PolicyScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly maintenance: PolicyMaintenanceService,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({
      cronTime: PRUNE_TRANSFER_CHECKS_CRON,
      onTick: async () => {
        try {
          await this.maintenance.pruneTransferChecksOnce();
        } catch (error) {
          // Nothing is half done: the next day's run deletes what this one did not.
          this.logger.error({ err: error, job: 'policy-prune-transfer-checks' }, 'job failed');
        }
      },
    });

    this.registry.addCronJob('policy-prune-transfer-checks', job);
    job.start();
    this.logger.info(
      { job: 'policy-prune-transfer-checks', cron: job.cronTime.source },
      'scheduled',
    );
  }
}
