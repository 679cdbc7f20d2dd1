import { dataSourceToken, outboxRelayToken } from '@compliance/platform';

export const ACCESS_REVIEW_SERVICE = 'access-review';

export const ACCESS_REVIEW_DATA_SOURCE = dataSourceToken(ACCESS_REVIEW_SERVICE);
export const ACCESS_REVIEW_OUTBOX = outboxRelayToken(ACCESS_REVIEW_SERVICE);

/** The time source, so jobs and tests can say what "now" is. */
export const REVIEW_CLOCK = Symbol('REVIEW_CLOCK');
export const REVIEW_MAILER = Symbol('REVIEW_MAILER');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What the outbox relay offers a writer: a hint that rows are waiting. */
export interface OutboxNudge {
  nudge(): void;
}
