import { EntityManager } from 'typeorm';

import { quoteSchema } from '../outbox/quote-schema';

/**
 * Marks a message as handled by one consumer, inside the handler's transaction. Returns
 * false when it was handled before, so a redelivered message changes nothing twice.
 */
export async function claimMessage(
  manager: EntityManager,
  schema: string,
  consumer: string,
  messageId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO ${quoteSchema(schema)}.inbox (consumer, message_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING message_id`,
    [consumer, messageId],
  );

  return rows.length === 1;
}
