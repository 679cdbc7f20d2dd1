import { contractFor, AnyContract } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';

import { BusContext } from '../bus/bus-context';
import { eventConsumer, Handler, requestResponder } from '../bus/dispatch';
import { MessageBus } from '../bus/message-bus';

export interface BusTransportOptions {
  bus: MessageBus;
  /** Prefix of durable consumer names, one per service. */
  serviceName: string;
  /** Contracts outside the shared registry (tests declare their own). */
  extraContracts?: AnyContract[];
}

/**
 * Lets NestJS controllers answer bus subjects with `@MessagePattern` and `@EventPattern`,
 * whichever bus carries them. A pattern with no declared contract stops the start-up.
 */
export class BusTransportStrategy extends Server implements CustomTransportStrategy {
  private readonly log = createLogger(BusTransportStrategy.name);

  constructor(private readonly options: BusTransportOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        await this.bind(pattern, handler);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.options.bus.drain();
  }

  on(): void {
    throw new Error('the bus transport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }

  private async bind(pattern: string, handler: MessageHandler): Promise<void> {
    const contract = this.findContract(pattern);
    const invoke: Handler = async (payload: unknown, context: BusContext) =>
      lastValueFrom(this.transformToObservable(await handler(payload, context)), {
        defaultValue: undefined,
      });

    if (contract.kind === 'request' && !handler.isEventHandler) {
      await this.options.bus.serve(contract.subject, requestResponder(contract, invoke));
    } else if (contract.kind === 'event' && handler.isEventHandler) {
      const durableName = `${this.options.serviceName}-${contract.subject}`;
      await this.options.bus.consume(
        contract.subject,
        { durableName },
        eventConsumer(contract, invoke),
      );
    } else {
      throw new Error(`${pattern} is a ${contract.kind} contract bound with the wrong decorator`);
    }

    this.log.debug({ subject: contract.subject }, 'bound handler');
  }

  private findContract(pattern: string): AnyContract {
    const contract =
      this.options.extraContracts?.find((candidate) => candidate.subject === pattern) ??
      contractFor(pattern);

    if (!contract) {
      throw new Error(`no contract is declared for subject ${pattern}`);
    }

    return contract;
  }
}
