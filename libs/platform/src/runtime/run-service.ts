import { auditMigrations } from '@compliance/audit';
import { AppConfig } from '@compliance/config';
import { createLogger, PinoNestLogger } from '@compliance/logging';
import { RethrowRpcFilter } from '@compliance/messaging';
import { runMigrations } from '@compliance/persistence';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { CoreModule } from '../core/core.module';
import { HealthModule } from '../health/health.module';
import { connectBus } from './connect-bus';
import { installGracefulShutdown } from './graceful-shutdown';
import { loadConfigOrExit } from './load-config-or-exit';
import { Infrastructure, openInfrastructure } from './open-infrastructure';
import { ServiceDefinition } from './service-definition';

/**
 * One service as a Nest app: its schema migrated, its handlers bound to the bus, and
 * `/health` and `/metrics` ready to be served. Not yet listening on HTTP.
 */
export async function createServiceApp(
  definition: ServiceDefinition,
  config: AppConfig,
  infrastructure: Infrastructure,
): Promise<INestApplication> {
  await runMigrations(infrastructure.endpoint, [auditMigrations, ...definition.migrations]);

  @Module({
    imports: [
      CoreModule.forRoot({ config, bus: infrastructure.bus, endpoint: infrastructure.endpoint }),
      HealthModule,
      definition.module,
    ],
  })
  class ServiceRootModule {}

  const app = await NestFactory.create(ServiceRootModule, { logger: new PinoNestLogger() });

  app.useGlobalFilters(new RethrowRpcFilter());
  await connectBus(app, infrastructure.bus, definition.name);

  return app;
}

/**
 * Runs one service as its own process on PostgreSQL and NATS, serving `/health` and
 * `/metrics` on HEALTH_PORT when it is set.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  const config = loadConfigOrExit();
  const infrastructure = await openInfrastructure(config, {
    processName: `compliance-${definition.name}`,
    requireNats: true,
  });
  const app = await createServiceApp(definition, config, infrastructure);

  if (config.healthPort !== undefined) {
    await app.listen(config.healthPort, config.http.host);
  } else {
    await app.init();
  }

  installGracefulShutdown(app, config.shutdownTimeoutMs, () => infrastructure.close());
  createLogger('ServiceRunner').info(
    { service: definition.name, healthPort: config.healthPort },
    'service started',
  );
}
