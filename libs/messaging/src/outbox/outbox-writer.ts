import { randomUUID } from 'node:crypto';

import {
  AnyEventContract,
  AuthContext,
  EventEnvelope,
  parseContract,
  PayloadOf,
} from '@compliance/contracts';
import { EntityManager } from 'typeorm';

import { quoteSchema } from './quote-schema';

/**
 * Records an event in the same transaction as the change it announces. The relay
 * publishes it after commit; if the process dies first, the row is still there.
 */
export async function addToOutbox<C extends AnyEventContract>(
  manager: EntityManager,
  schema: string,
  contract: C,
  payload: PayloadOf<C>,
  context: AuthContext,
): Promise<string> {
  const messageId = randomUUID();
  const envelope: EventEnvelope = {
    messageId,
    occurredAt: new Date().toISOString(),
    context,
    payload: parseContract(contract.payload, payload, contract.subject),
  };

  await manager.query(
    `INSERT INTO ${quoteSchema(schema)}.outbox (id, subject, envelope) VALUES ($1, $2, $3)`,
    [messageId, contract.subject, JSON.stringify(envelope)],
  );

  return messageId;
}
