import { createLogger } from '@compliance/logging';
import { describeEndpoint } from '@compliance/persistence';
import {
  installGracefulShutdown,
  loadConfigOrExit,
  openInfrastructure,
} from '@compliance/platform';

import { startupBanner } from './banner';
import { createStandaloneApp } from './standalone-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const infrastructure = await openInfrastructure(config, {
    processName: 'compliance-standalone',
    requireNats: false,
  });

  const app = await createStandaloneApp(config, infrastructure);
  await app.listen(config.http.port, config.http.host);

  installGracefulShutdown(app, config.shutdownTimeoutMs, () => infrastructure.close());
  // The banner is for a person at a terminal, so it is plain text rather than a log line.
  process.stdout.write(startupBanner(config, describeEndpoint(infrastructure.endpoint)));
}

void main().catch((error: unknown) => {
  createLogger('Standalone').fatal({ err: error }, 'the platform failed to start');
  process.exit(1);
});
