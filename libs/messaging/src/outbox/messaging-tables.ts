import { QueryRunner } from 'typeorm';

import { quoteSchema } from './quote-schema';

/**
 * The outbox and inbox every service keeps in its own schema. A service's first
 * migration calls this, so the tables change through migrations like any other.
 */
export async function createMessagingTables(runner: QueryRunner, schema: string): Promise<void> {
  const s = quoteSchema(schema);

  await runner.query(`
    CREATE TABLE ${s}.outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subject text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      claimed_until timestamptz,
      published_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text
    )`);
  await runner.query(
    `CREATE INDEX outbox_pending_idx ON ${s}.outbox (created_at) WHERE published_at IS NULL`,
  );
  await runner.query(`
    CREATE TABLE ${s}.inbox (
      consumer text NOT NULL,
      message_id text NOT NULL,
      handled_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, message_id)
    )`);
}
