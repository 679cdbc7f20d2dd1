import { randomUUID } from 'node:crypto';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { defineEvent, defineRequest, EventEnvelope } from '@compliance/contracts';
import { buildAuthContext, natsTestIsolation, TEST_NATS_URL, waitFor } from '@compliance/testing';
import { z } from 'zod';

import { eventConsumer, requestResponder } from '../bus/dispatch';
import { NatsMessageBus } from './nats-message-bus';

/** Each test gets a subject of its own, so no consumer sees another test's events. */
function noteAddedContract() {
  return defineEvent({
    subject: `compliance.events.test.${randomUUID()}`,
    version: 1,
    payload: z.object({ noteId: z.uuid(), text: z.string() }).strict(),
  });
}

const echo = defineRequest({
  subject: 'compliance.test.echo',
  version: 1,
  request: z.object({ text: z.string().max(10) }).strict(),
  response: z.object({ text: z.string() }),
});

function envelopeFor(payload: unknown, messageId = randomUUID()): EventEnvelope {
  return {
    messageId,
    occurredAt: new Date().toISOString(),
    context: buildAuthContext(),
    payload,
  };
}

describe('NatsMessageBus', () => {
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

  it('should handle once, on return, an event published while its consumer was down', async () => {
    const noteAdded = noteAddedContract();
    const publisher = await openBus();
    const handled: string[] = [];
    const durableName = `notes-${randomUUID()}`;

    // The consumer registers and goes away before anything is published.
    const firstLife = await openBus();
    await firstLife.consume(noteAdded.subject, { durableName }, async () => undefined);
    await firstLife.drain();

    const envelope = envelopeFor({ noteId: randomUUID(), text: 'hello' });
    await publisher.publish(noteAdded.subject, envelope);
    // A retried publish of the same message inside the duplicate window is stored once.
    await publisher.publish(noteAdded.subject, envelope);

    const secondLife = await openBus();
    await secondLife.consume(
      noteAdded.subject,
      { durableName },
      eventConsumer(noteAdded, async (payload) => {
        handled.push((payload as { noteId: string }).noteId);
      }),
    );

    await waitFor(() => handled.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(handled).toEqual([(envelope.payload as { noteId: string }).noteId]);
  });

  it('should redeliver an event whose handler failed until it succeeds', async () => {
    const noteAdded = noteAddedContract();
    const bus = await openBus();
    let attempts = 0;

    await bus.consume(
      noteAdded.subject,
      { durableName: `flaky-${randomUUID()}` },
      eventConsumer(noteAdded, async () => {
        attempts += 1;
        if (attempts === 1) {
          throw new Error('database briefly unavailable');
        }
      }),
    );

    await bus.publish(noteAdded.subject, envelopeFor({ noteId: randomUUID(), text: 'retry' }));

    await waitFor(() => attempts === 2, 15_000);
    expect(attempts).toBe(2);
  });

  it('should drop an event that breaks its contract without calling the handler', async () => {
    const noteAdded = noteAddedContract();
    const bus = await openBus();
    const seen: unknown[] = [];
    const durableName = `strict-${randomUUID()}`;

    await bus.consume(
      noteAdded.subject,
      { durableName },
      eventConsumer(noteAdded, async (payload) => {
        seen.push(payload);
      }),
    );

    await bus.publish(noteAdded.subject, envelopeFor({ noteId: 'not-a-uuid', text: 42 }));
    const valid = envelopeFor({ noteId: randomUUID(), text: 'fine' });
    await bus.publish(noteAdded.subject, valid);

    await waitFor(() => seen.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(seen).toEqual([valid.payload]);
  });

  it('should answer a request and reject a payload that breaks its contract', async () => {
    const bus = await openBus();
    let calls = 0;

    await bus.serve(
      echo.subject,
      requestResponder(echo, async (payload) => {
        calls += 1;
        return { text: (payload as { text: string }).text, leaked: 'must not travel' };
      }),
    );

    const context = buildAuthContext();
    const good = await bus.request(echo.subject, { context, payload: { text: 'hi' } }, 2000);
    const bad = await bus.request(
      echo.subject,
      { context, payload: { text: 'far too long for the contract', extra: true } },
      2000,
    );

    expect(good).toEqual({ ok: true, data: { text: 'hi' } });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'contract_violation',
        details: expect.arrayContaining([expect.objectContaining({ path: 'text' })]),
      },
    });
    expect(calls).toBe(1);
  });

  it('should report no responders as unavailable and a silent service as a timeout', async () => {
    const bus = await openBus();
    const context = buildAuthContext();

    await expect(
      bus.request('compliance.test.nobody-home.v1', { context, payload: {} }, 1000),
    ).rejects.toMatchObject({ code: 'service_unavailable' });

    await bus.serve('compliance.test.slow.v1', () => new Promise(() => undefined));

    await expect(
      bus.request('compliance.test.slow.v1', { context, payload: {} }, 300),
    ).rejects.toMatchObject({ code: 'service_timeout' });
  });

  it('should answer a request in flight before its drain completes', async () => {
    // A subject of its own: an earlier test's responder still serves the shared one.
    const slowEcho = defineRequest({ ...echo, subject: `compliance.test.${randomUUID()}` });
    const server = await openBus();
    const client = await openBus();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });

    await server.serve(
      slowEcho.subject,
      requestResponder(slowEcho, async () => {
        await gate;
        return { text: 'late' };
      }),
    );

    const pending = client.request(
      slowEcho.subject,
      { context: buildAuthContext(), payload: { text: 'x' } },
      5000,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    const draining = server.drain(5000);
    release();

    await expect(pending).resolves.toEqual({ ok: true, data: { text: 'late' } });
    await draining;
  });
});
