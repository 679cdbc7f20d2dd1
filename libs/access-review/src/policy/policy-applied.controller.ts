import { PayloadOf, policyApplied } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { BusContext } from '@compliance/messaging';
import { ActivePolicyReader, followAppliedPolicies } from '@compliance/policy-settings';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';

import { ACCESS_REVIEW_SCHEMA } from '../migrations/access-review.migrations';
import { updateReviewSettings } from '../settings/review-settings.store';
import { ACCESS_REVIEW_DATA_SOURCE } from '../support/access-review.tokens';
import { PolicyReviewSettings, reviewSettingsFromPolicies } from './policy-review-settings';

const CONSUMER = 'policy-applied';

/**
 * Keeps a company's review settings in step with its applied policies. A durable consumer
 * is enough: the settings live in the database, so one replica writing them serves all.
 */
@Controller()
export class PolicyAppliedController {
  private readonly logger = createLogger(PolicyAppliedController.name);

  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly policies: ActivePolicyReader,
  ) {}

  @EventPattern(policyApplied.subject)
  async policyApplied(
    @Payload() event: PayloadOf<typeof policyApplied>,
    @Ctx() context: BusContext,
  ): Promise<void> {
    const { claimed, rewrites } = await followAppliedPolicies({
      dataSource: this.dataSource,
      schema: ACCESS_REVIEW_SCHEMA,
      consumer: CONSUMER,
      messageId: context.messageId ?? '',
      derive: () => this.derive(context),
      store: (manager, settings) => updateReviewSettings(manager, context.auth, settings),
    });

    this.logger.info(
      {
        companyId: context.companyId,
        policyId: event.policyId,
        version: event.version,
        claimed,
        rewrites,
      },
      'access review settings follow the applied policies',
    );
  }

  private async derive(context: BusContext): Promise<PolicyReviewSettings> {
    return reviewSettingsFromPolicies(await this.policies.documents(context.auth));
  }
}
