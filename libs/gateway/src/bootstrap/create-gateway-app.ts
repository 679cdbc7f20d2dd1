import { authMigrations } from '@compliance/auth';
import { AppConfig } from '@compliance/config';
import { runMigrations } from '@compliance/persistence';
import { CoreModule, HealthModule, Infrastructure } from '@compliance/platform';
import { Module } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';

import { GatewayModule } from '../gateway.module';
import { createHttpApp } from './create-http-app';

/** The gateway on its own, forwarding to services over the bus. Not yet listening. */
export async function createGatewayApp(
  config: AppConfig,
  infrastructure: Infrastructure,
): Promise<NestExpressApplication> {
  await runMigrations(infrastructure.endpoint, [authMigrations]);

  @Module({
    imports: [
      CoreModule.forRoot({ config, bus: infrastructure.bus, endpoint: infrastructure.endpoint }),
      HealthModule,
      GatewayModule,
    ],
  })
  class GatewayRootModule {}

  return createHttpApp(GatewayRootModule, config);
}
