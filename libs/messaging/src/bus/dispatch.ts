import {
  AnyEventContract,
  AnyRequestContract,
  eventEnvelopeSchema,
  parseContract,
  ReplyEnvelope,
  requestEnvelopeSchema,
  ServiceError,
} from '@compliance/contracts';
import { createLogger, runWithRequestId } from '@compliance/logging';

import { BusContext } from './bus-context';
import { EventConsumer, PoisonMessageError, RequestResponder } from './message-bus';
import { handlerDuration, messagesFailed, messagesHandled } from './messaging-metrics';

export type Handler = (payload: unknown, context: BusContext) => Promise<unknown>;

const logger = createLogger('BusDispatch');

/**
 * Wraps a handler so that it only ever sees a payload its contract accepts, and only
 * ever answers with what the response schema allows: a field a handler adds by mistake
 * (a secret value, say) is stripped before it leaves the service.
 */
export function requestResponder(contract: AnyRequestContract, handler: Handler): RequestResponder {
  return async (raw, requestId) =>
    runWithRequestId(requestId, async (): Promise<ReplyEnvelope> => {
      const timer = handlerDuration.startTimer({ subject: contract.subject });

      try {
        const envelope = parseContract(requestEnvelopeSchema, raw, contract.subject);
        const payload = parseContract(contract.request, envelope.payload, contract.subject);
        const context = new BusContext(envelope.context, contract.subject);
        const result = await handler(payload, context);
        const data = contract.response.parse(result);

        messagesHandled.inc({ subject: contract.subject });
        return { ok: true, data };
      } catch (error) {
        messagesFailed.inc({ subject: contract.subject });
        return { ok: false, error: toServiceError(error, contract.subject).toBody() };
      } finally {
        timer();
      }
    });
}

/** The same for events: a payload that breaks its contract is dropped, never handled. */
export function eventConsumer(contract: AnyEventContract, handler: Handler): EventConsumer {
  return async (raw) => {
    const envelope = eventEnvelopeSchema.safeParse(raw);
    const payload = envelope.success ? contract.payload.safeParse(envelope.data.payload) : null;

    if (!envelope.success || !payload?.success) {
      messagesFailed.inc({ subject: contract.subject });
      logger.error({ subject: contract.subject }, 'event breaks its contract; dropped');
      throw new PoisonMessageError(`event breaks the contract of ${contract.subject}`);
    }

    const { context, messageId } = envelope.data;

    await runWithRequestId(context.requestId, async () => {
      try {
        await handler(payload.data, new BusContext(context, contract.subject, messageId));
        messagesHandled.inc({ subject: contract.subject });
      } catch (error) {
        messagesFailed.inc({ subject: contract.subject });
        throw error;
      }
    });
  };
}

function toServiceError(error: unknown, subject: string): ServiceError {
  if (error instanceof ServiceError) {
    return error;
  }

  // The client gets a neutral message; the detail, with its stack, stays in our log.
  logger.error({ err: error, subject }, 'handler failed');
  return new ServiceError('internal', 'the service failed to handle the request');
}
