import { PGlite } from '@electric-sql/pglite';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Extended-protocol messages that leave the session mid-statement: after one of them the
 * same connection's next messages must follow before anyone else's, or another client's
 * Parse would replace the unnamed statement its Bind is meant for.
 */
const MID_STATEMENT = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'F', 'd', 'c', 'f']);

/**
 * Feeds the messages of many socket clients into PGlite's one session. A client keeps the
 * session, and nobody else's message runs, while it is inside a transaction or between
 * the Parse and the Sync of a statement; otherwise clients take turns in arrival order.
 */
export class SessionQueue {
  private readonly queue: QueuedMessage[] = [];
  private owner: number | undefined;
  private processing = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let index = this.queue.length - 1; index >= 0; index -= 1) {
      if (this.queue[index].handlerId === handlerId) {
        const [dropped] = this.queue.splice(index, 1);
        dropped.reject(new Error('client disconnected'));
      }
    }
  }

  /** A client that went away mid-transaction must not leave the session stuck in it. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) {
      return;
    }

    if (this.db.isInTransaction()) {
      await this.db.exec('ROLLBACK');
    }

    this.owner = undefined;
    await this.process();
  }

  private async process(): Promise<void> {
    if (this.processing) {
      return;
    }

    this.processing = true;

    try {
      for (let next = this.takeNext(); next; next = this.takeNext()) {
        await this.run(next);
      }
    } finally {
      this.processing = false;
    }
  }

  private takeNext(): QueuedMessage | undefined {
    const index =
      this.owner === undefined
        ? 0
        : this.queue.findIndex((queued) => queued.handlerId === this.owner);

    return index < 0 || this.queue.length === 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async run(queued: QueuedMessage): Promise<void> {
    let bytes = 0;

    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(queued.message, {
          onRawData: (data) => {
            bytes += data.length;
            queued.onData(data);
          },
        }),
      );
      queued.resolve(bytes);
    } catch (error) {
      queued.reject(error);
    } finally {
      this.owner = this.keepsSession(queued) ? queued.handlerId : undefined;
    }
  }

  private keepsSession(queued: QueuedMessage): boolean {
    return this.db.isInTransaction() || MID_STATEMENT.has(messageType(queued.message));
  }
}

/** The type byte of a regular message; the startup message has none (it starts with a length). */
function messageType(message: Uint8Array): string {
  const startsWithLength = message.length >= 8 && message[0] === 0 && message[4] === 0;
  return startsWithLength ? '' : String.fromCharCode(message[0]);
}
