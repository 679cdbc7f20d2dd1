import { AppConfig, APP_CONFIG } from '@compliance/config';
import { DetachedMessageBus, MessageBus, NatsMessageBus } from '@compliance/messaging';
import { runMigrations } from '@compliance/persistence';
import { CoreModule, ServiceDefinition } from '@compliance/platform';
import { Inject, Injectable, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ALL_MIGRATIONS, CliDatabase } from './cli-database';

/**
 * Runs a piece of one service's own code from the command line, on the same database as
 * the platform. With NATS_URL set the service's events go out as the command commits;
 * without it they wait in the outbox until the running platform's relay publishes them,
 * since a bus inside the command would reach no one.
 */
@Injectable()
export class ServiceContextRunner {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: CliDatabase,
  ) {}

  async run<T>(
    definition: ServiceDefinition,
    work: (context: INestApplicationContext) => Promise<T>,
  ): Promise<T> {
    const endpoint = await this.database.endpoint();
    await runMigrations(endpoint, ALL_MIGRATIONS);

    const bus = await this.openBus();
    const relayOutbox = bus.kind === 'nats';

    @Module({
      imports: [
        CoreModule.forRoot({ config: this.config, bus, endpoint, relayOutbox }),
        definition.module,
      ],
    })
    class CommandRootModule {}

    const context = await NestFactory.createApplicationContext(CommandRootModule, {
      logger: ['error'],
    });

    try {
      return await work(context);
    } finally {
      await context.close();
    }
  }

  private async openBus(): Promise<MessageBus> {
    const { nats } = this.config;

    if (!nats.url) {
      return new DetachedMessageBus();
    }

    return NatsMessageBus.connect({
      url: nats.url,
      name: 'compliance-cli',
      subjectPrefix: nats.subjectPrefix,
      stream: nats.stream,
    });
  }
}
