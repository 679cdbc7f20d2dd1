import { createLogger } from '@compliance/logging';
import { INestApplication } from '@nestjs/common';

import { ReadinessRegistry } from '../health/readiness.registry';

/**
 * On SIGTERM or Ctrl-C: report not ready, drain the bus and finish work in flight, close
 * pools, then exit. A second signal, or the time limit, ends the process at once.
 */
export function installGracefulShutdown(
  app: INestApplication,
  timeoutMs: number,
  afterClose: () => Promise<void>,
): void {
  const logger = createLogger('Shutdown');
  let stopping = false;

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }

    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.get(ReadinessRegistry).markDraining();

    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long: exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();

    app
      .close()
      .then(afterClose)
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };

  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
