import { AnyContract } from '@compliance/contracts';
import { BusTransportStrategy, MessageBus } from '@compliance/messaging';
import { INestApplication } from '@nestjs/common';

/**
 * Serves every `@MessagePattern` and `@EventPattern` of the app on the given bus.
 *
 * Nest builds the handlers as soon as the microservice is connected, with the filters
 * the app has at that moment, so the app's global filters (which must pass bus errors
 * through unchanged) are inherited rather than added afterwards.
 */
export async function connectBus(
  app: INestApplication,
  bus: MessageBus,
  serviceName: string,
  extraContracts: AnyContract[] = [],
): Promise<void> {
  app.connectMicroservice(
    { strategy: new BusTransportStrategy({ bus, serviceName, extraContracts }) },
    { inheritAppConfig: true },
  );

  await app.startAllMicroservices();
}
