import { AppConfig, APP_CONFIG } from '@compliance/config';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { DatabaseEndpoint } from '@compliance/persistence';
import { DynamicModule, Global, Module } from '@nestjs/common';

import { ReadinessRegistry } from '../health/readiness.registry';
import { BusLifecycle } from './bus.lifecycle';
import { DATABASE_ENDPOINT, OUTBOX_RELAY_ENABLED } from './tokens';

export interface CoreModuleOptions {
  config: AppConfig;
  bus: MessageBus;
  endpoint: DatabaseEndpoint;
  /** Publish outbox events from this process (default). A CLI command leaves them. */
  relayOutbox?: boolean;
}

/**
 * What every process provides to the modules it hosts: its validated configuration, its
 * bus and its database endpoint. The process opens them before Nest starts, so a bad
 * setting or an unreachable server stops it with a clear message instead of a half-boot.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: MESSAGE_BUS, useValue: options.bus },
        { provide: DATABASE_ENDPOINT, useValue: options.endpoint },
        { provide: OUTBOX_RELAY_ENABLED, useValue: options.relayOutbox ?? true },
        BusLifecycle,
        ReadinessRegistry,
      ],
      exports: [
        APP_CONFIG,
        MESSAGE_BUS,
        DATABASE_ENDPOINT,
        OUTBOX_RELAY_ENABLED,
        ReadinessRegistry,
      ],
    };
  }
}
