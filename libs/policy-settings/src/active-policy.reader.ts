import { AppConfig, APP_CONFIG } from '@compliance/config';
import { AuthContext, getActivePolicies, ServiceError } from '@compliance/contracts';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';

export interface ActivePolicyDocument {
  policyId: string;
  version: number;
  document: string;
}

/**
 * The documents a company has in force, from a fresh answer of the policy service. The
 * applied event names one version only and a replica's cache may not have heard of it
 * yet, so a service that stores settings derived from policies always asks again.
 */
@Injectable()
export class ActivePolicyReader {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async policies(auth: AuthContext): Promise<ActivePolicyDocument[]> {
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
      .policies.map(({ policyId, version, document }) => ({ policyId, version, document }));
  }

  async documents(auth: AuthContext): Promise<string[]> {
    return (await this.policies(auth)).map((policy) => policy.document);
  }
}
