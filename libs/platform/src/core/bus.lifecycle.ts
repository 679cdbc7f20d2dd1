import { AppConfig, APP_CONFIG } from '@compliance/config';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';

/**
 * Drains the process's bus when the app closes. A process that only sends requests (the
 * gateway) has no transport strategy to do it, and a drain twice is harmless.
 */
@Injectable()
export class BusLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.drain(this.config.shutdownTimeoutMs);
  }
}
