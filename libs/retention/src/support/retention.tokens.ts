import { dataSourceToken, outboxRelayToken } from '@compliance/platform';

export const RETENTION_SERVICE = 'retention';

export const RETENTION_DATA_SOURCE = dataSourceToken(RETENTION_SERVICE);
export const RETENTION_OUTBOX = outboxRelayToken(RETENTION_SERVICE);

export const RETENTION_CLOCK = Symbol('RETENTION_CLOCK');
export const RETENTION_SETTINGS = Symbol('RETENTION_SETTINGS');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface RetentionSettings {
  /** Records per statement and per transaction. */
  batchSize: number;
  /** Pause between batches, so the CRM's own writes get the table in between. */
  pauseMs: number;
  /** Default schedule of the in-process runner (cron, server time). */
  cron: string;
}

/** What the outbox relay offers a writer: a hint that rows are waiting. */
export interface OutboxNudge {
  nudge(): void;
}
