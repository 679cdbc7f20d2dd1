import { AppConfig } from '@compliance/config';
import { createLogger } from '@compliance/logging';
import { InProcessMessageBus, MessageBus, NatsMessageBus } from '@compliance/messaging';
import {
  DatabaseEndpoint,
  describeEndpoint,
  openEmbeddedDatabase,
  pgConnectionOptions,
} from '@compliance/persistence';
import { Client } from 'pg';

export interface Infrastructure {
  endpoint: DatabaseEndpoint;
  bus: MessageBus;
  /** Closes what this process opened itself (the embedded database), after the app. */
  close(): Promise<void>;
}

export interface InfrastructureOptions {
  processName: string;
  /** Services on their own need NATS; the all-in-one process may run without it. */
  requireNats: boolean;
}

/**
 * Connects to PostgreSQL (or serves the embedded PGlite when no URL is set) and to NATS
 * (or the in-process bus), retrying with back-off while a server is still starting.
 */
export async function openInfrastructure(
  config: AppConfig,
  options: InfrastructureOptions,
): Promise<Infrastructure> {
  const logger = createLogger('Infrastructure');
  const embedded = config.database.url
    ? undefined
    : await openEmbeddedDatabase(config.database.dataDir);
  const endpoint: DatabaseEndpoint = embedded?.endpoint ?? {
    kind: 'url',
    url: config.database.url!,
  };

  await withRetry(describeEndpoint(endpoint), () => probeDatabase(endpoint));
  logger.info({ database: describeEndpoint(endpoint) }, 'database reachable');

  if (options.requireNats && !config.nats.url) {
    throw new Error('NATS_URL is required for a service running in its own process');
  }

  const bus: MessageBus = config.nats.url
    ? await withRetry(`NATS at ${new URL(config.nats.url).host}`, () =>
        NatsMessageBus.connect({
          url: config.nats.url!,
          name: options.processName,
          subjectPrefix: config.nats.subjectPrefix,
          stream: config.nats.stream,
        }),
      )
    : new InProcessMessageBus();

  return {
    endpoint,
    bus,
    close: async () => {
      await embedded?.close();
    },
  };
}

async function probeDatabase(endpoint: DatabaseEndpoint): Promise<void> {
  const client = new Client({ ...pgConnectionOptions(endpoint), connectionTimeoutMillis: 5000 });

  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Waits for a dependency that may still be starting: 0.5 s, 1 s, 2 s ... up to a minute. */
export async function withRetry<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  const logger = createLogger('Startup');
  const deadline = Date.now() + 60_000;
  let delay = 500;

  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() + delay > deadline) {
        throw error;
      }

      logger.warn({ err: error, retryInMs: delay }, `waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 8000);
    }
  }
}
