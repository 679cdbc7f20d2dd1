import { auditMigrations } from '@compliance/audit';
import { authMigrations } from '@compliance/auth';
import { AppConfig } from '@compliance/config';
import { createHttpApp, GatewayModule } from '@compliance/gateway';
import { runMigrations } from '@compliance/persistence';
import { connectBus, CoreModule, HealthModule, Infrastructure } from '@compliance/platform';
import { Module } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';

import { HOSTED_SERVICES } from './hosted-services';

/**
 * The gateway and every service in one Nest app, on whatever infrastructure it is
 * given: the embedded database and in-process bus by default, or PostgreSQL and NATS.
 */
export async function createStandaloneApp(
  config: AppConfig,
  infrastructure: Infrastructure,
): Promise<NestExpressApplication> {
  await runMigrations(infrastructure.endpoint, [
    auditMigrations,
    authMigrations,
    ...HOSTED_SERVICES.flatMap((service) => service.migrations),
  ]);

  @Module({
    imports: [
      CoreModule.forRoot({ config, bus: infrastructure.bus, endpoint: infrastructure.endpoint }),
      HealthModule,
      GatewayModule,
      ...HOSTED_SERVICES.map((service) => service.module),
    ],
  })
  class StandaloneModule {}

  const app = await createHttpApp(StandaloneModule, config);
  await connectBus(app, infrastructure.bus, 'standalone');

  return app;
}
