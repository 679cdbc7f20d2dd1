import { createLogger } from '@compliance/logging';
import { OutboxRelay } from '@compliance/messaging';
import {
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ReadinessRegistry } from '../health/readiness.registry';

/**
 * Order matters on the way down: the relay stops publishing first, the bus drains while
 * the pool is still open for handlers in flight, and only then does the pool close.
 */
export class ServiceDatabaseLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = createLogger(ServiceDatabaseLifecycle.name);

  constructor(
    private readonly service: string,
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay | undefined,
    readiness: ReadinessRegistry,
  ) {
    readiness.register(`database:${service}`, async () => {
      await this.dataSource.query('SELECT 1');
      return true;
    });
  }

  onApplicationBootstrap(): void {
    this.relay?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
    }

    this.logger.info({ service: this.service }, 'database pool closed');
  }
}
