import { AppConfig, APP_CONFIG } from '@compliance/config';
import { AuthContext, getActivePolicies, ServiceError } from '@compliance/contracts';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';

/**
 * Asks the policy service for the documents a company has in force. The applied event
 * names a version only, and a replica's policy cache may not have heard of it yet, so
 * the settings are always taken from a fresh answer.
 */
@Injectable()
export class ActivePolicyReader {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async documents(auth: AuthContext): Promise<string[]> {
    const reply = await this.bus.request(
      getActivePolicies.subject,
      { context: auth, payload: {} },
      this.config.nats.requestTimeoutMs,
    );

    if (!reply.ok) {
      throw ServiceError.fromBody(reply.error);
    }

    const { policies } = getActivePolicies.response.parse(reply.data);

    return policies.map((policy) => policy.document);
  }
}
