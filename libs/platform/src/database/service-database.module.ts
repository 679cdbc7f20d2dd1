import { AppConfig, APP_CONFIG } from '@compliance/config';
import { MESSAGE_BUS, MessageBus, OutboxRelay } from '@compliance/messaging';
import { DatabaseEndpoint, openDataSource } from '@compliance/persistence';
import { DynamicModule, Module } from '@nestjs/common';
import { DataSource, EntitySchema } from 'typeorm';

import {
  DATABASE_ENDPOINT,
  dataSourceToken,
  OUTBOX_RELAY_ENABLED,
  outboxRelayToken,
} from '../core/tokens';
import { ReadinessRegistry } from '../health/readiness.registry';
import { ServiceDatabaseLifecycle } from './service-database.lifecycle';

export interface ServiceDatabaseOptions {
  /** Service name: the pool's token, its application name and its readiness check. */
  service: string;
  /** The schema that holds the service's tables, outbox and inbox. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[];
  /** The gateway's auth schema publishes no events and so has no outbox. */
  withOutbox?: boolean;
}

/** A service's own pool and outbox relay, opened at start and closed after draining. */
@Module({})
export class ServiceDatabaseModule {
  static forService(options: ServiceDatabaseOptions): DynamicModule {
    const dataSource = dataSourceToken(options.service);
    const relay = outboxRelayToken(options.service);
    const lifecycle = `DatabaseLifecycle:${options.service}`;

    return {
      module: ServiceDatabaseModule,
      providers: [
        {
          provide: dataSource,
          inject: [DATABASE_ENDPOINT, APP_CONFIG],
          useFactory: (endpoint: DatabaseEndpoint, config: AppConfig) =>
            openDataSource({
              endpoint,
              entities: options.entities,
              poolSize: config.database.poolSize,
              applicationName: `compliance-${options.service}`,
            }),
        },
        {
          provide: relay,
          inject: [dataSource, MESSAGE_BUS, APP_CONFIG],
          useFactory: (source: DataSource, bus: MessageBus, config: AppConfig) =>
            options.withOutbox === false
              ? undefined
              : new OutboxRelay(source, options.schema, bus, config.outboxPollMs),
        },
        {
          provide: lifecycle,
          inject: [dataSource, relay, ReadinessRegistry, OUTBOX_RELAY_ENABLED],
          useFactory: (
            source: DataSource,
            outbox: OutboxRelay | undefined,
            readiness: ReadinessRegistry,
            relayEnabled: boolean,
          ) =>
            new ServiceDatabaseLifecycle(
              options.service,
              source,
              relayEnabled ? outbox : undefined,
              readiness,
            ),
        },
      ],
      exports: [dataSource, relay],
    };
  }
}
