import { dataSourceToken, outboxRelayToken } from '@compliance/platform';

export const VAULT_SERVICE = 'vault';
export const VAULT_DATA_SOURCE = dataSourceToken(VAULT_SERVICE);
export const VAULT_OUTBOX = outboxRelayToken(VAULT_SERVICE);

/** Where expiry notices are mailed (a `Mailer` from `@compliance/mail`). */
export const VAULT_MAILER = Symbol('VAULT_MAILER');

/** The schedule's clock; tests move it. */
export const VAULT_CLOCK = Symbol('VAULT_CLOCK');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
