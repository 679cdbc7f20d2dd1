import {
  AnyEventContract,
  AnyRequestContract,
  PayloadOf,
  RequestOf,
  ResponseOf,
  Scope,
  ServiceError,
} from '@compliance/contracts';
import { MessageBus } from '@compliance/messaging';
import { buildAuthContext } from '@compliance/testing';
import { randomUUID } from 'node:crypto';

/** A request straight on the bus, as a CRM module or another service sends it. */
export async function busRequest<C extends AnyRequestContract>(
  bus: MessageBus,
  contract: C,
  payload: RequestOf<C>,
  companyId: string,
  scopes: Scope[] = ['admin'],
): Promise<ResponseOf<C>> {
  const reply = await bus.request(
    contract.subject,
    { context: buildAuthContext({ companyId, scopes }), payload },
    10_000,
  );

  if (!reply.ok) {
    throw ServiceError.fromBody(reply.error);
  }

  return reply.data as ResponseOf<C>;
}

/** An event as another service's outbox relay would publish it. */
export async function busPublish<C extends AnyEventContract>(
  bus: MessageBus,
  contract: C,
  payload: PayloadOf<C>,
  companyId: string,
  messageId: string = randomUUID(),
): Promise<void> {
  await bus.publish(contract.subject, {
    messageId,
    occurredAt: new Date().toISOString(),
    context: buildAuthContext({
      companyId,
      actor: { type: 'service', id: 'e2e' },
      scopes: [],
    }),
    payload,
  });
}
