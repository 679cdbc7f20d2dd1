import { PayloadOf, policyApplied } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { BusContext, claimMessage } from '@compliance/messaging';
import { ActivePolicyReader, settleDerivedSettings } from '@compliance/policy-settings';
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
    // Read before the transaction: a slow policy service must not hold a connection. A
    // failed read throws, and the event comes back later.
    const settings = await this.derive(context);

    const claimed = await this.dataSource.transaction(async (manager) => {
      if (!(await claimMessage(manager, ACCESS_REVIEW_SCHEMA, CONSUMER, context.messageId ?? ''))) {
        return false;
      }

      await updateReviewSettings(manager, context.auth, settings);
      return true;
    });

    // Another replica may have written a newer state between our read and our commit; a
    // message already claimed settles too, since its earlier delivery may have given up.
    const rewrites = await settleDerivedSettings({
      written: claimed ? settings : undefined,
      derive: () => this.derive(context),
      write: async (fresh) => {
        await this.dataSource.transaction((manager) =>
          updateReviewSettings(manager, context.auth, fresh),
        );
      },
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
