import { EventEnvelope, ReplyEnvelope, ServiceError } from '@compliance/contracts';

import { MessageBus } from '../bus/message-bus';

/**
 * The bus of a one-off command run without NATS (the embedded default): there is no one
 * to ask and no one listening, so requests are refused and nothing is published. Events
 * the command writes stay in their outbox for the running platform's relay to publish.
 */
export class DetachedMessageBus implements MessageBus {
  readonly kind = 'in-process';

  isConnected(): boolean {
    return false;
  }

  async request(subject: string): Promise<ReplyEnvelope> {
    throw new ServiceError('service_unavailable', `no bus to ask ${subject} on`);
  }

  async serve(): Promise<void> {}

  async publish(subject: string, _envelope: EventEnvelope): Promise<void> {
    throw new ServiceError('service_unavailable', `no bus to publish ${subject} on`);
  }

  async consume(): Promise<void> {}

  async subscribeBroadcast(): Promise<void> {}

  async drain(): Promise<void> {}
}
