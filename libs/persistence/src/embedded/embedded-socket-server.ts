import { createServer, Server, Socket } from 'node:net';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { createLogger } from '@compliance/logging';

import { SessionQueue } from './session-queue';

/**
 * Serves one PGlite database to many `pg` clients over a Unix socket. The package's own
 * server keeps transactions together but lets another client's statement run between the
 * Parse and the Bind of one in progress; this one hands its handlers a queue that does not.
 */
export class EmbeddedSocketServer {
  private readonly logger = createLogger(EmbeddedSocketServer.name);
  private readonly queue: SessionQueue;
  private readonly handlers = new Set<PGLiteSocketHandler>();
  private server: Server | undefined;

  constructor(
    private readonly db: PGlite,
    private readonly path: string,
  ) {
    this.queue = new SessionQueue(db);
  }

  async start(): Promise<void> {
    await this.db.waitReady;

    this.server = createServer((socket) => void this.accept(socket));

    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.path, () => resolve());
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.handlers].map((handler) => handler.detach(true)));
    this.handlers.clear();

    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async accept(socket: Socket): Promise<void> {
    // The handler only calls enqueue, clearQueueForHandler, clearTransactionIfNeeded and
    // getQueueLength, which the session queue provides.
    const options = {
      queryQueue: this.queue,
      closeOnDetach: true,
    } as unknown as PGLiteSocketHandlerOptions;
    const handler = new PGLiteSocketHandler(options);

    this.handlers.add(handler);
    handler.addEventListener('close', () => this.handlers.delete(handler));

    try {
      await handler.attach(socket);
    } catch (error) {
      this.logger.error({ err: error }, 'could not attach a database client');
      socket.destroy();
      this.handlers.delete(handler);
    }
  }
}
