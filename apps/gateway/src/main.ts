import { authMigrations } from '@compliance/auth';
import { createHttpApp, GatewayModule } from '@compliance/gateway';
import { createLogger } from '@compliance/logging';
import { runMigrations } from '@compliance/persistence';
import {
  CoreModule,
  HealthModule,
  installGracefulShutdown,
  loadConfigOrExit,
  openInfrastructure,
} from '@compliance/platform';
import { Module } from '@nestjs/common';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const infrastructure = await openInfrastructure(config, {
    processName: 'compliance-gateway',
    requireNats: true,
  });

  await runMigrations(infrastructure.endpoint, [authMigrations]);

  @Module({
    imports: [
      CoreModule.forRoot({ config, bus: infrastructure.bus, endpoint: infrastructure.endpoint }),
      HealthModule,
      GatewayModule,
    ],
  })
  class GatewayRootModule {}

  const app = await createHttpApp(GatewayRootModule, config);
  await app.listen(config.http.port, config.http.host);

  installGracefulShutdown(app, config.shutdownTimeoutMs, infrastructure.close);
  createLogger('Gateway').info({ port: config.http.port }, 'gateway listening');
}

void main().catch((error: unknown) => {
  createLogger('Gateway').fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
