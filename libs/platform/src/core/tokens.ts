/** The database endpoint every service of the process connects to. */
export const DATABASE_ENDPOINT = Symbol('DATABASE_ENDPOINT');

/** Each service owns its pool; the token carries the service name so several can coexist. */
export function dataSourceToken(service: string): string {
  return `DataSource:${service}`;
}

export function outboxRelayToken(service: string): string {
  return `OutboxRelay:${service}`;
}

/** False in one-off commands: their events wait in the outbox for the platform's relay. */
export const OUTBOX_RELAY_ENABLED = Symbol('OUTBOX_RELAY_ENABLED');
