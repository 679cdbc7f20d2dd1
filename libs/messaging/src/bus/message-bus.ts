import { EventEnvelope, ReplyEnvelope, RequestEnvelope } from '@compliance/contracts';

/** Answers one request. It must never throw: failures travel as an error reply. */
export type RequestResponder = (envelope: unknown, requestId?: string) => Promise<ReplyEnvelope>;

/**
 * Handles one delivered event. Resolving acknowledges it; throwing asks for redelivery;
 * a `PoisonMessageError` drops it for good (a payload that can never be handled).
 */
export type EventConsumer = (envelope: unknown, delivery: DeliveryInfo) => Promise<void>;

export interface DeliveryInfo {
  attempt: number;
  subject: string;
}

export interface ConsumerOptions {
  /** A name unique per service and event, stable across restarts. */
  durableName: string;
  maxAttempts?: number;
}

/**
 * The transport between the gateway and the services. NATS carries it in production; an
 * in-process implementation carries the same envelopes in the embedded default.
 */
export interface MessageBus {
  readonly kind: 'nats' | 'in-process';
  request(subject: string, envelope: RequestEnvelope, timeoutMs: number): Promise<ReplyEnvelope>;
  serve(subject: string, responder: RequestResponder): Promise<void>;
  publish(subject: string, envelope: EventEnvelope): Promise<void>;
  consume(subject: string, options: ConsumerOptions, consumer: EventConsumer): Promise<void>;
  /**
   * Hands every event on `subject` to this process, whichever replica it is, with no
   * durable state: for caches each replica keeps. What arrives while a process is down is
   * missed, so a listener must also expire what it holds on its own.
   */
  subscribeBroadcast(subject: string, consumer: EventConsumer): Promise<void>;
  isConnected(): boolean;
  /**
   * Stops taking new work, waits up to `timeoutMs` for handlers in flight, then
   * disconnects. Work still running after that is abandoned to redelivery.
   */
  drain(timeoutMs?: number): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}
