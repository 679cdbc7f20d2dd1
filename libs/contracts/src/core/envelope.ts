import { z } from 'zod';

import { authContextSchema } from '../context/auth-context';
import { ServiceErrorBody } from '../errors/service-error';

/** What travels on a request subject: who asks, and what. */
export const requestEnvelopeSchema = z
  .object({ context: authContextSchema, payload: z.unknown() })
  .strict();

export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

export type ReplyEnvelope = { ok: true; data: unknown } | { ok: false; error: ServiceErrorBody };

/** What travels on an event subject: the payload plus where it came from. */
export const eventEnvelopeSchema = z
  .object({
    messageId: z.string().min(1),
    occurredAt: z.string(),
    context: authContextSchema,
    payload: z.unknown(),
  })
  .strict();

export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/** NATS header names. The request id travels in a header so logs can join up. */
export const HEADER_REQUEST_ID = 'x-request-id';
