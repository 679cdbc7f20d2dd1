import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { createLogger } from '@compliance/logging';
import { Client } from 'pg';

import { DatabaseEndpoint, pgConnectionOptions } from './database-endpoint';
import { EmbeddedSocketServer } from './embedded/embedded-socket-server';

/** PostgreSQL's own convention for the socket's file name, which `pg` follows. */
const SOCKET_PORT = 5432;

export interface EmbeddedDatabase {
  endpoint: DatabaseEndpoint;
  /** True when this process serves the data folder, false when it joined another's. */
  owned: boolean;
  close(): Promise<void>;
}

/**
 * Serves the PGlite database in `dataDir` over a Unix socket inside that folder, so the
 * services reach it with the ordinary `pg` driver. When another process (a running
 * `npm start`) already serves the folder, its socket is used instead: PGlite allows one
 * process per data folder.
 */
export async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const logger = createLogger('EmbeddedDatabase');
  const endpoint: DatabaseEndpoint = { kind: 'socket', directory: dataDir, port: SOCKET_PORT };

  await mkdir(dataDir, { recursive: true });

  if (await isServed(endpoint)) {
    logger.info({ dataDir }, 'joined the embedded database served by another process');
    return { endpoint, owned: false, close: async () => undefined };
  }

  const socketPath = join(dataDir, `.s.PGSQL.${SOCKET_PORT}`);
  await rm(socketPath, { force: true });

  const db = await PGlite.create(join(dataDir, 'pgdata'));
  const server = new EmbeddedSocketServer(db, socketPath);
  await server.start();

  logger.info({ dataDir }, 'serving the embedded database');

  return {
    endpoint,
    owned: true,
    close: async () => {
      await server.stop();
      await db.close();
      await rm(socketPath, { force: true });
    },
  };
}

async function isServed(endpoint: DatabaseEndpoint): Promise<boolean> {
  const client = new Client({ ...pgConnectionOptions(endpoint), connectionTimeoutMillis: 2000 });

  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    // Nobody answers on the socket: a stale file from a stopped process, or none at all.
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
