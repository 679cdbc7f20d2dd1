import { AppConfig, APP_CONFIG } from '@compliance/config';
import {
  AnyRequestContract,
  AuthContext,
  RequestOf,
  ResponseOf,
  ServiceError,
} from '@compliance/contracts';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';

/** Sends a request to the service that owns a subject, on behalf of the caller. */
@Injectable()
export class ServiceClient {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send<C extends AnyRequestContract>(
    contract: C,
    payload: RequestOf<C>,
    auth: AuthContext,
  ): Promise<ResponseOf<C>> {
    const reply = await this.bus.request(
      contract.subject,
      { context: auth, payload },
      this.config.nats.requestTimeoutMs,
    );

    if (!reply.ok) {
      throw ServiceError.fromBody(reply.error);
    }

    return reply.data as ResponseOf<C>;
  }
}
