import { EventEnvelope } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { DataSource } from 'typeorm';

import { MessageBus } from '../bus/message-bus';
import { quoteSchema } from './quote-schema';

interface PendingEvent {
  id: string;
  subject: string;
  envelope: EventEnvelope;
}

const BATCH_SIZE = 100;
const LEASE_SECONDS = 30;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Published events are kept a week for troubleshooting. Inbox marks must outlive any
 * redelivery, so they are kept as long as the stream keeps events (30 days).
 */
const PUBLISHED_RETENTION = '7 days';
const INBOX_RETENTION = '30 days';

/**
 * Publishes committed outbox rows. Rows are leased with a short claim rather than held
 * in an open transaction while publishing: the embedded database runs one transaction
 * at a time, and an in-process consumer must be able to write while we wait for it.
 * Replicas each lease different rows; a lease that outlives a crashed relay expires.
 */
export class OutboxRelay {
  private readonly logger = createLogger(OutboxRelay.name);
  private readonly table: string;
  private readonly inbox: string;
  private lastPrunedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  /** Until started, a nudge does nothing: a one-off command leaves its events queued. */
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly bus: MessageBus,
    private readonly pollMs: number,
  ) {
    this.table = `${quoteSchema(schema)}.outbox`;
    this.inbox = `${quoteSchema(schema)}.inbox`;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Publishes soon rather than at the next poll; call it after a commit. */
  nudge(): void {
    if (!this.stopped && !this.pass) {
      this.schedule(0);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  /** One pass over pending rows; returns how many were published. */
  async publishPending(): Promise<number> {
    const rows: PendingEvent[] = await this.dataSource
      .query(
        `UPDATE ${this.table} SET claimed_until = now() + make_interval(secs => $1)
       WHERE id IN (
         SELECT id FROM ${this.table}
         WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, subject, envelope`,
        [LEASE_SECONDS, BATCH_SIZE],
      )
      .then(([claimed]: [PendingEvent[]]) => claimed);

    let published = 0;

    for (const row of rows.sort(byCreation)) {
      try {
        await this.bus.publish(row.subject, row.envelope);
        await this.dataSource.query(
          `UPDATE ${this.table} SET published_at = now(), claimed_until = NULL WHERE id = $1`,
          [row.id],
        );
        published += 1;
      } catch (error) {
        await this.dataSource.query(
          `UPDATE ${this.table}
           SET attempts = attempts + 1, last_error = $2, claimed_until = NULL WHERE id = $1`,
          [row.id, error instanceof Error ? error.message.slice(0, 500) : 'publish failed'],
        );
        this.logger.warn({ err: error, eventId: row.id, subject: row.subject }, 'publish failed');
      }
    }

    return published;
  }

  /** Removes what no longer serves a purpose; returns how many rows went. */
  async prune(): Promise<{ outbox: number; inbox: number }> {
    const [, outbox] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM ${this.table} WHERE published_at < now() - interval '${PUBLISHED_RETENTION}'`,
    );
    const [, inbox] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM ${this.inbox} WHERE handled_at < now() - interval '${INBOX_RETENTION}'`,
    );

    this.lastPrunedAt = Date.now();
    return { outbox, inbox };
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runPass(), delayMs);
  }

  private runPass(): void {
    const pruneDue = Date.now() - this.lastPrunedAt > PRUNE_INTERVAL_MS;

    this.pass = (pruneDue ? this.prune().then(() => this.publishPending()) : this.publishPending())
      .then((published) => {
        if (published > 0) {
          this.logger.debug({ published }, 'outbox events published');
        }
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'outbox pass failed'))
      .finally(() => {
        this.pass = undefined;

        if (!this.stopped) {
          this.schedule(this.pollMs);
        }
      });
  }
}

function byCreation(a: PendingEvent, b: PendingEvent): number {
  return a.envelope.occurredAt.localeCompare(b.envelope.occurredAt);
}
