import { randomUUID } from 'node:crypto';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { defineEvent, EventEnvelope } from '@compliance/contracts';
import { buildAuthContext, natsTestIsolation, TEST_NATS_URL, waitFor } from '@compliance/testing';
import { z } from 'zod';

import { eventConsumer } from '../bus/dispatch';
import { NatsMessageBus } from './nats-message-bus';

const settingsChanged = defineEvent({
  subject: `compliance.events.test.${randomUUID()}`,
  version: 1,
  payload: z.object({ version: z.number().int() }).strict(),
});

function envelopeFor(version: number): EventEnvelope {
  return {
    messageId: randomUUID(),
    occurredAt: new Date().toISOString(),
    context: buildAuthContext(),
    payload: { version },
  };
}

describe('NatsMessageBus.subscribeBroadcast', () => {
  const isolation = natsTestIsolation();
  const buses: NatsMessageBus[] = [];

  async function openBus(): Promise<NatsMessageBus> {
    const bus = await NatsMessageBus.connect({ url: TEST_NATS_URL, name: 'test', ...isolation });
    buses.push(bus);
    return bus;
  }

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.drain(1000)));

    const connection = await connect({ servers: TEST_NATS_URL });
    const jsm = await jetstreamManager(connection);
    await jsm.streams.delete(isolation.stream).catch(() => undefined);
    await connection.close();
  });

  it('should hand an event to every replica, while a durable consumer gets it once', async () => {
    const publisher = await openBus();
    const seenByReplica: number[][] = [[], [], []];
    const durableHandled: number[] = [];
    const durableName = `settings-${randomUUID()}`;

    for (const seen of seenByReplica) {
      const replica = await openBus();
      await replica.subscribeBroadcast(
        settingsChanged.subject,
        eventConsumer(settingsChanged, async (payload) => {
          seen.push((payload as { version: number }).version);
        }),
      );
      await replica.consume(
        settingsChanged.subject,
        { durableName },
        eventConsumer(settingsChanged, async (payload) => {
          durableHandled.push((payload as { version: number }).version);
        }),
      );
    }

    await publisher.publish(settingsChanged.subject, envelopeFor(7));

    await waitFor(
      () => seenByReplica.every((seen) => seen.length > 0) && durableHandled.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(seenByReplica).toEqual([[7], [7], [7]]);
    expect(durableHandled).toEqual([7]);
  });

  it('should keep delivering after a listener throws', async () => {
    const publisher = await openBus();
    const listener = await openBus();
    const seen: number[] = [];

    await listener.subscribeBroadcast(
      settingsChanged.subject,
      eventConsumer(settingsChanged, async (payload) => {
        const { version } = payload as { version: number };
        seen.push(version);

        if (version === 1) {
          throw new Error('listener failed');
        }
      }),
    );

    await publisher.publish(settingsChanged.subject, envelopeFor(1));
    await publisher.publish(settingsChanged.subject, envelopeFor(2));

    await waitFor(() => seen.length === 2);
    expect(seen).toEqual([1, 2]);
  });
});
