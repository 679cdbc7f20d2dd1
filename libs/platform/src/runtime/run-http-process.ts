import { AppConfig } from '@compliance/config';
import { createLogger } from '@compliance/logging';
import { INestApplication } from '@nestjs/common';

import { installGracefulShutdown } from './graceful-shutdown';
import { loadConfigOrExit } from './load-config-or-exit';
import { Infrastructure, InfrastructureOptions, openInfrastructure } from './open-infrastructure';

export interface HttpProcessOptions extends InfrastructureOptions {
  createApp(config: AppConfig, infrastructure: Infrastructure): Promise<INestApplication>;
  /** Called once the port is open, e.g. to tell a person where to go. */
  onListening?(config: AppConfig, infrastructure: Infrastructure): void;
}

/**
 * The life of a process that serves HTTP: configuration, infrastructure, the app on
 * PORT, and a clean stop on SIGTERM or Ctrl-C. A failure to start ends the process.
 */
export function runHttpProcess(options: HttpProcessOptions): void {
  const logger = createLogger(options.processName);

  const start = async () => {
    const config = loadConfigOrExit();
    const infrastructure = await openInfrastructure(config, options);
    const app = await options.createApp(config, infrastructure);

    await app.listen(config.http.port, config.http.host);

    installGracefulShutdown(app, config.shutdownTimeoutMs, () => infrastructure.close());
    logger.info({ host: config.http.host, port: config.http.port }, 'listening');
    options.onListening?.(config, infrastructure);
  };

  start().catch((error: unknown) => {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  });
}
