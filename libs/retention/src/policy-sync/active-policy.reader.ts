import { AppConfig, APP_CONFIG } from '@compliance/config';
import { AuthContext, getActivePolicies, ServiceError } from '@compliance/contracts';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';

import { ActivePolicyDocument } from './policy-retention-rules';

/**
 * The documents a company has in force, from a fresh answer of the policy service: the
 * applied event names one version only, and the rules come from all active policies.
 */
@Injectable()
export class ActivePolicyReader {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async documents(auth: AuthContext): Promise<ActivePolicyDocument[]> {
    const reply = await this.bus.request(
      getActivePolicies.subject,
      { context: auth, payload: {} },
      this.config.nats.requestTimeoutMs,
    );

    if (!reply.ok) {
      throw ServiceError.fromBody(reply.error);
    }

    return getActivePolicies.response
      .parse(reply.data)
      .policies.map(({ policyId, document }) => ({ policyId, document }));
  }
}
