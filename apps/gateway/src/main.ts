import { createGatewayApp } from '@compliance/gateway';
import { createLogger } from '@compliance/logging';
import {
  installGracefulShutdown,
  loadConfigOrExit,
  openInfrastructure,
} from '@compliance/platform';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const infrastructure = await openInfrastructure(config, {
    processName: 'compliance-gateway',
    requireNats: true,
  });

  const app = await createGatewayApp(config, infrastructure);
  await app.listen(config.http.port, config.http.host);

  installGracefulShutdown(app, config.shutdownTimeoutMs, () => infrastructure.close());
  createLogger('Gateway').info({ port: config.http.port }, 'gateway listening');
}

void main().catch((error: unknown) => {
  createLogger('Gateway').fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
