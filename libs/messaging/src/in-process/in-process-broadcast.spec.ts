import { randomUUID } from 'node:crypto';

import { EventEnvelope } from '@compliance/contracts';
import { buildAuthContext } from '@compliance/testing';

import { InProcessMessageBus } from './in-process-message-bus';

function envelopeFor(payload: unknown): EventEnvelope {
  return {
    messageId: randomUUID(),
    occurredAt: new Date().toISOString(),
    context: buildAuthContext(),
    payload,
  };
}

describe('InProcessMessageBus', () => {
  it('should hand a published event to every broadcast listener and every durable consumer', async () => {
    const bus = new InProcessMessageBus();
    const seen: string[] = [];

    await bus.subscribeBroadcast('compliance.events.test', async () => {
      seen.push('first');
    });
    await bus.subscribeBroadcast('compliance.events.test', async () => {
      seen.push('second');
    });
    await bus.consume('compliance.events.test', { durableName: 'durable' }, async () => {
      seen.push('durable');
    });

    await bus.publish('compliance.events.test', envelopeFor({}));

    expect(seen).toEqual(['durable', 'first', 'second']);
  });

  it('should not fail the publish when a broadcast listener throws', async () => {
    const bus = new InProcessMessageBus();
    const seen: string[] = [];

    await bus.subscribeBroadcast('compliance.events.test', async () => {
      throw new Error('listener failed');
    });
    await bus.subscribeBroadcast('compliance.events.test', async () => {
      seen.push('second');
    });

    await expect(bus.publish('compliance.events.test', envelopeFor({}))).resolves.toBeUndefined();
    expect(seen).toEqual(['second']);
  });
});
