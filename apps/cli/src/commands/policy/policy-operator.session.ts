import { AppConfig, APP_CONFIG } from '@compliance/config';
import { InProcessMessageBus, MessageBus, NatsMessageBus } from '@compliance/messaging';
import { openPolicyOperator, PolicyOperator } from '@compliance/policy';
import { Inject, Injectable } from '@nestjs/common';

import { CliDatabase } from '../../support/cli-database';

/**
 * Opens the policy service's own classes on the CLI's database for one command. With
 * NATS_URL set, a dry-run reaches the data-owning services and an apply is announced at
 * once; without it, dry-run impact is reported as unanswered and the running platform's
 * outbox relay announces the change.
 */
@Injectable()
export class PolicyOperatorSession {
  constructor(
    private readonly database: CliDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T>(work: (operator: PolicyOperator) => Promise<T>): Promise<T> {
    // Migrations first, through the CLI's shared connection.
    await this.database.open();
    const bus = await this.connectBus();
    const operator = await openPolicyOperator(await this.database.endpoint(), bus);

    try {
      const result = await work(operator);
      await operator.publishCommitted();
      return result;
    } finally {
      await operator.close();
      await bus.drain(1000);
    }
  }

  private async connectBus(): Promise<MessageBus> {
    const { url, subjectPrefix, stream } = this.config.nats;

    return url
      ? NatsMessageBus.connect({ url, name: 'compliance-cli', subjectPrefix, stream })
      : new InProcessMessageBus();
  }
}
