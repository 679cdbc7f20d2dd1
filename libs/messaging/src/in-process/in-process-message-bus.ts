import { EventEnvelope, ReplyEnvelope, RequestEnvelope, ServiceError } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';

import { InFlight } from '../bus/in-flight';
import {
  ConsumerOptions,
  EventConsumer,
  DEFAULT_DRAIN_TIMEOUT_MS,
  MessageBus,
  PoisonMessageError,
  RequestResponder,
} from '../bus/message-bus';

interface Subscriber {
  durableName: string;
  maxAttempts: number;
  consumer: EventConsumer;
}

const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * The embedded default's transport: the same envelopes as NATS, passed through JSON so
 * that nothing works in process that would not survive the wire.
 *
 * Events are delivered while `publish` waits. When a consumer fails, `publish` fails, so
 * the outbox keeps the event and offers it again on its next pass; consumers that already
 * handled it skip it by message id. That is the same at-least-once promise JetStream gives.
 */
export class InProcessMessageBus implements MessageBus {
  readonly kind = 'in-process';

  private readonly logger = createLogger(InProcessMessageBus.name);
  private readonly responders = new Map<string, RequestResponder>();
  private readonly subscribers = new Map<string, Subscriber[]>();
  private readonly listeners = new Map<string, EventConsumer[]>();
  private readonly attempts = new Map<string, number>();
  private readonly inFlight = new InFlight();
  private draining = false;

  isConnected(): boolean {
    return !this.draining;
  }

  async request(
    subject: string,
    envelope: RequestEnvelope,
    timeoutMs: number,
  ): Promise<ReplyEnvelope> {
    const responder = this.responders.get(subject);

    if (this.draining || !responder) {
      throw new ServiceError('service_unavailable', `no service is answering ${subject}`);
    }

    const answer = this.inFlight.track(responder(roundTrip(envelope), envelope.context.requestId));

    return roundTrip(await withTimeout(answer, timeoutMs, subject));
  }

  async serve(subject: string, responder: RequestResponder): Promise<void> {
    this.responders.set(subject, responder);
  }

  async publish(subject: string, envelope: EventEnvelope): Promise<void> {
    if (this.draining) {
      throw new ServiceError('service_unavailable', 'the in-process bus is shutting down');
    }

    const failures: unknown[] = [];

    for (const subscriber of this.subscribers.get(subject) ?? []) {
      try {
        await this.inFlight.track(this.deliver(subject, envelope, subscriber));
      } catch (error) {
        failures.push(error);
      }
    }

    if (failures.length > 0) {
      throw new Error(`${failures.length} consumer(s) of ${subject} failed; will retry`);
    }

    await this.broadcast(subject, envelope);
  }

  async consume(subject: string, options: ConsumerOptions, consumer: EventConsumer): Promise<void> {
    const subscribers = this.subscribers.get(subject) ?? [];

    subscribers.push({
      durableName: options.durableName,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      consumer,
    });
    this.subscribers.set(subject, subscribers);
  }

  async subscribeBroadcast(subject: string, consumer: EventConsumer): Promise<void> {
    this.listeners.set(subject, [...(this.listeners.get(subject) ?? []), consumer]);
  }

  async drain(timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS): Promise<void> {
    this.draining = true;
    const settled = await this.inFlight.settle(timeoutMs);

    if (!settled) {
      this.logger.warn({ running: this.inFlight.size }, 'drain timed out with work running');
    }
  }

  /** Like core NATS: once, no retry, and a failing listener fails nobody else. */
  private async broadcast(subject: string, envelope: EventEnvelope): Promise<void> {
    for (const listener of this.listeners.get(subject) ?? []) {
      try {
        await this.inFlight.track(listener(roundTrip(envelope), { attempt: 1, subject }));
      } catch (error) {
        this.logger.warn({ err: error, subject }, 'broadcast listener failed');
      }
    }
  }

  private async deliver(
    subject: string,
    envelope: EventEnvelope,
    subscriber: Subscriber,
  ): Promise<void> {
    const key = `${subscriber.durableName}:${envelope.messageId}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);

    try {
      await subscriber.consumer(roundTrip(envelope), { attempt, subject });
      this.attempts.delete(key);
    } catch (error) {
      if (error instanceof PoisonMessageError || attempt >= subscriber.maxAttempts) {
        this.attempts.delete(key);
        this.logger.error({ err: error, subject, attempt }, 'event dropped');
        return;
      }

      throw error;
    }
  }
}

function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number, subject: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;

  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new ServiceError('service_timeout', `no answer on ${subject} in time`)),
      timeoutMs,
    );
  });

  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
