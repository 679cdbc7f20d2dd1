import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

import { createLogger } from '@compliance/logging';
import { loadConfigOrExit } from '@compliance/platform';

/**
 * Starts the gateway and each service as its own process against the PostgreSQL and
 * NATS of DATABASE_URL and NATS_URL, the way production runs them, and stops them
 * together. Each service serves /health on its own port, from PORT + 1 upwards.
 */
const APPS = [
  'policy-service',
  'dsr-service',
  'vault-service',
  'access-review-service',
  'retention-service',
  'crm-sample',
];

function main(): void {
  const logger = createLogger('Distributed');
  const config = loadConfigOrExit();

  if (!config.database.url || !config.nats.url) {
    logger.fatal('set DATABASE_URL and NATS_URL to run the services as separate processes');
    process.exit(78);
  }

  const distRoot = join(__dirname, '..', '..');
  const children: ChildProcess[] = [];
  let stopping = false;

  const start = (app: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, [join(distRoot, app, 'src', 'main.js')], {
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });

    child.on('exit', (code, signal) => {
      logger.warn({ app, code, signal }, 'process exited');
      if (!stopping) {
        stopAll(1);
      }
    });
    children.push(child);
  };

  APPS.forEach((app, index) => start(app, { HEALTH_PORT: String(config.http.port + index + 1) }));
  start('gateway', {});

  const stopAll = (exitCode: number) => {
    stopping = true;
    children.forEach((child) => child.kill('SIGTERM'));
    Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))))
      .then(() => process.exit(exitCode))
      .catch(() => process.exit(1));
  };

  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
}

main();
