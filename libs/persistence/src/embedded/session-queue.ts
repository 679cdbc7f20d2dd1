import { PGlite } from '@electric-sql/pglite';
import { createLogger } from '@compliance/logging';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/**
 * How long others may wait on a transaction that sends nothing before it is reported. A
 * transaction that awaits work needing another connection (a bus call answered in process,
 * a key the key ring loads) never ends here, while on PostgreSQL it merely runs long.
 */
const STALL_REPORT_MS = 10_000;

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
  private readonly logger = createLogger(SessionQueue.name);
  private readonly queue: QueuedMessage[] = [];
  /** Each client's `application_name`, to name the parties of a stall. */
  private readonly names = new Map<number, string>();
  private owner: number | undefined;
  private processing = false;
  private stallTimer: NodeJS.Timeout | undefined;
  private watched: number | undefined;

  constructor(
    private readonly db: PGlite,
    private readonly stallReportMs = STALL_REPORT_MS,
  ) {}

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
    this.names.delete(handlerId);

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
      this.watchForStall();
    }
  }

  /** Others wait on an owner with nothing queued: report it if it lasts. */
  private watchForStall(): void {
    if (this.owner === undefined || this.queue.length === 0) {
      clearTimeout(this.stallTimer);
      this.stallTimer = undefined;
      this.watched = undefined;
      return;
    }

    if (this.watched === this.owner) {
      return;
    }

    clearTimeout(this.stallTimer);
    const owner = this.owner;
    this.watched = owner;
    this.stallTimer = setTimeout(() => {
      if (this.owner === owner && !this.queue.some((queued) => queued.handlerId === owner)) {
        this.logger.error(
          {
            holder: this.names.get(owner) ?? 'unknown',
            waiting: [...new Set(this.queue.map((q) => this.names.get(q.handlerId) ?? 'unknown'))],
            seconds: this.stallReportMs / 1000,
          },
          'a transaction holds the embedded database while sending nothing and others wait: ' +
            'it is likely awaiting work that needs another connection (a bus call or a key ' +
            'load inside a transaction), which can never run',
        );
      }
    }, this.stallReportMs);
    this.stallTimer.unref();
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

    if (messageType(queued.message) === '') {
      this.names.set(queued.handlerId, applicationName(queued.message));
    }

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

/** The `application_name` parameter of a startup message: NUL-separated names and values. */
function applicationName(message: Uint8Array): string {
  const parts = new TextDecoder().decode(message.subarray(8)).split('\0');
  const index = parts.indexOf('application_name');

  return index >= 0 && index % 2 === 0 ? (parts[index + 1] ?? 'unknown') : 'unknown';
}
