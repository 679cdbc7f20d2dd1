import {
  AckPolicy,
  Consumer,
  ConsumerMessages,
  DeliverPolicy,
  JetStreamClient,
  JetStreamManager,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import {
  connect,
  headers as natsHeaders,
  Msg,
  NatsConnection,
  NoRespondersError,
  RequestError,
  Subscription,
  TimeoutError,
} from '@nats-io/transport-node';
import {
  EventEnvelope,
  HEADER_REQUEST_ID,
  ReplyEnvelope,
  RequestEnvelope,
  ServiceError,
} from '@compliance/contracts';
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
import { retryDelayMs } from '../bus/retry-delay';
import { ensureStream, EVENT_SUBJECT_ROOT } from './stream-setup';

export interface NatsBusOptions {
  url: string;
  name: string;
  subjectPrefix: string;
  stream: string;
}

/** Request subjects are served by a queue group, so replicas share the load. */
const QUEUE_GROUP = 'compliance';
const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * Request-reply over core NATS and durable events over JetStream. Events are published
 * with their message id as `Nats-Msg-Id`, so a retried publish inside the stream's
 * duplicate window is stored once.
 */
export class NatsMessageBus implements MessageBus {
  readonly kind = 'nats';

  private readonly logger = createLogger(NatsMessageBus.name);
  private readonly inFlight = new InFlight();
  private readonly subscriptions: Subscription[] = [];
  private readonly consumers: { messages: ConsumerMessages; loop: Promise<void> }[] = [];
  private connected = true;
  private draining = false;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: NatsBusOptions,
  ) {
    void this.watchStatus();
  }

  static async connect(options: NatsBusOptions): Promise<NatsMessageBus> {
    const connection = await connect({
      servers: options.url,
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
      // Each request would otherwise build two errors only to keep a stack for a failure
      // that `translateRequestError` replaces anyway: a few percent of the gateway's CPU.
      noAsyncTraces: true,
    });
    const jsm = await jetstreamManager(connection);
    const bus = new NatsMessageBus(connection, jetstream(connection), jsm, options);

    await ensureStream(jsm, options.stream, bus.qualify(EVENT_SUBJECT_ROOT));

    return bus;
  }

  isConnected(): boolean {
    return this.connected && !this.connection.isClosed();
  }

  async request(
    subject: string,
    envelope: RequestEnvelope,
    timeoutMs: number,
  ): Promise<ReplyEnvelope> {
    if (!this.isConnected()) {
      throw new ServiceError('service_unavailable', 'the message broker is unreachable');
    }

    const headers = natsHeaders();
    headers.set(HEADER_REQUEST_ID, envelope.context.requestId);

    try {
      const reply = await this.connection.request(this.qualify(subject), encode(envelope), {
        timeout: timeoutMs,
        headers,
      });
      return reply.json<ReplyEnvelope>();
    } catch (error) {
      throw translateRequestError(error, subject);
    }
  }

  async serve(subject: string, responder: RequestResponder): Promise<void> {
    const subscription = this.connection.subscribe(this.qualify(subject), {
      queue: QUEUE_GROUP,
      callback: (error, message) => {
        if (error) {
          this.logger.error({ err: error, subject }, 'subscription failed');
          return;
        }

        void this.inFlight.track(this.answer(message, responder));
      },
    });

    this.subscriptions.push(subscription);

    // Until the server has the subscription, a request would find no responder; a
    // service must not report itself started before then.
    await this.connection.flush();
  }

  async publish(subject: string, envelope: EventEnvelope): Promise<void> {
    const headers = natsHeaders();
    headers.set(HEADER_REQUEST_ID, envelope.context.requestId);

    await this.js.publish(this.qualify(subject), encode(envelope), {
      msgID: envelope.messageId,
      headers,
    });
  }

  async consume(subject: string, options: ConsumerOptions, consumer: EventConsumer): Promise<void> {
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const durableName = sanitiseName(`${this.options.subjectPrefix}-${options.durableName}`);

    await this.ensureConsumer(durableName, this.qualify(subject), maxAttempts);

    const handle: Consumer = await this.js.consumers.get(this.options.stream, durableName);
    const messages = await handle.consume({ max_messages: 16 });
    const loop = this.runConsumer(messages, subject, maxAttempts, consumer);

    this.consumers.push({ messages, loop });
  }

  /**
   * A core subscription without a queue group: JetStream stores what is published, and
   * the same message also reaches every plain subscriber on the subject, each replica
   * included. Nothing is acknowledged or redelivered.
   */
  async subscribeBroadcast(subject: string, consumer: EventConsumer): Promise<void> {
    const subscription = this.connection.subscribe(this.qualify(subject), {
      callback: (error, message) => {
        if (error) {
          this.logger.error({ err: error, subject }, 'broadcast subscription failed');
          return;
        }

        const delivered = consumer(decode(message.data), { attempt: 1, subject });
        void this.inFlight.track(delivered).catch((failure: unknown) => {
          this.logger.warn({ err: failure, subject }, 'broadcast listener failed');
        });
      },
    });

    this.subscriptions.push(subscription);
    await this.connection.flush();
  }

  async drain(timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS): Promise<void> {
    if (this.draining) {
      return;
    }

    this.draining = true;

    for (const subscription of this.subscriptions) {
      subscription.unsubscribe();
    }

    for (const { messages } of this.consumers) {
      await messages.close();
    }

    await Promise.allSettled(this.consumers.map(({ loop }) => loop));
    const settled = await this.inFlight.settle(timeoutMs);

    if (!settled) {
      this.logger.warn({ running: this.inFlight.size }, 'drain timed out with work running');
    }

    if (!this.connection.isClosed()) {
      await this.connection.drain();
    }
  }

  private qualify(subject: string): string {
    return this.options.subjectPrefix ? `${this.options.subjectPrefix}.${subject}` : subject;
  }

  private async answer(message: Msg, responder: RequestResponder): Promise<void> {
    const requestId = message.headers?.get(HEADER_REQUEST_ID) || undefined;
    const reply = await responder(decode(message.data), requestId);

    message.respond(encode(reply));
  }

  private async ensureConsumer(durableName: string, filter: string, maxAttempts: number) {
    const config = {
      durable_name: durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filter,
      max_deliver: maxAttempts,
      ack_wait: 30_000_000_000,
    };

    try {
      await this.jsm.consumers.info(this.options.stream, durableName);
      await this.jsm.consumers.update(this.options.stream, durableName, {
        max_deliver: maxAttempts,
      });
    } catch {
      // Not there yet: create it. Replicas racing here create the same config, which
      // JetStream accepts as a no-op.
      await this.jsm.consumers.add(this.options.stream, config);
    }
  }

  private async runConsumer(
    messages: ConsumerMessages,
    subject: string,
    maxAttempts: number,
    consumer: EventConsumer,
  ): Promise<void> {
    for await (const message of messages) {
      const attempt = message.info.deliveryCount;

      try {
        await this.inFlight.track(consumer(decode(message.data), { attempt, subject }));
        message.ack();
      } catch (error) {
        if (error instanceof PoisonMessageError || attempt >= maxAttempts) {
          this.logger.error({ err: error, subject, attempt }, 'event dropped');
          message.term(error instanceof Error ? error.message : 'handler failed');
        } else {
          this.logger.warn({ err: error, subject, attempt }, 'event will be redelivered');
          message.nak(retryDelayMs(attempt));
        }
      }
    }
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.logger.warn({ server: status.server }, 'disconnected from NATS');
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this.logger.info({ server: status.server }, 'reconnected to NATS');
      }
    }
  }
}

function encode(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function decode(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    // Not JSON at all: let the contract check reject it with a clear message.
    return undefined;
  }
}

function sanitiseName(name: string): string {
  return name.replace(/^-/, '').replace(/[^A-Za-z0-9_-]/g, '_');
}

function translateRequestError(error: unknown, subject: string): ServiceError {
  const noResponders =
    error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders());

  if (noResponders) {
    return new ServiceError('service_unavailable', `no service is answering ${subject}`);
  }

  if (error instanceof TimeoutError || (error as Error)?.cause instanceof TimeoutError) {
    return new ServiceError('service_timeout', `no answer on ${subject} in time`);
  }

  return new ServiceError('service_unavailable', 'the message broker is unreachable');
}
