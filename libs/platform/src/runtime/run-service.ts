import { auditMigrations } from '@compliance/audit';
import { createLogger, PinoNestLogger } from '@compliance/logging';
import { RethrowRpcFilter } from '@compliance/messaging';
import { runMigrations } from '@compliance/persistence';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { CoreModule } from '../core/core.module';
import { HealthModule } from '../health/health.module';
import { connectBus } from './connect-bus';
import { installGracefulShutdown } from './graceful-shutdown';
import { loadConfigOrExit } from './load-config-or-exit';
import { openInfrastructure } from './open-infrastructure';
import { ServiceDefinition } from './service-definition';

/**
 * Runs one service as its own process on PostgreSQL and NATS: migrations first, then the
 * bus handlers, and `/health` and `/metrics` on HEALTH_PORT when it is set.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  const logger = createLogger('ServiceRunner');
  const config = loadConfigOrExit();
  const infrastructure = await openInfrastructure(config, {
    processName: `compliance-${definition.name}`,
    requireNats: true,
  });

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

  if (config.healthPort !== undefined) {
    await app.listen(config.healthPort, config.http.host);
  } else {
    await app.init();
  }

  installGracefulShutdown(app, config.shutdownTimeoutMs, infrastructure.close);
  logger.info({ service: definition.name, healthPort: config.healthPort }, 'service started');
}
