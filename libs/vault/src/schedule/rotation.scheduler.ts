import { AppConfig, APP_CONFIG } from '@compliance/config';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CronJob } from 'cron';

import { RotationJob } from './rotation-job.service';

/**
 * Fires the daily rotation run on every replica; the run itself makes sure only one of
 * them does the work (see `RotationJob`).
 */
@Injectable()
export class RotationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger(RotationScheduler.name);
  private job: CronJob | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rotation: RotationJob,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.config.vault.rotationCron;

    this.job = CronJob.from({
      cronTime: cron,
      onTick: async () => {
        try {
          await this.rotation.run();
        } catch (error) {
          // Tomorrow's run tries again; each rotation commits on its own.
          this.logger.error({ err: error }, 'scheduled secret rotation failed');
        }
      },
    });
    this.job.start();
    this.logger.info({ cron }, 'secret rotation scheduled');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }
}
