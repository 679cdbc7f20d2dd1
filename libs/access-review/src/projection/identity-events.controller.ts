import {
  identityManagerSet,
  identityRoleGranted,
  identityRoleRevoked,
  identityUserActive,
  identityUserCreated,
  identityUserDeactivated,
  PayloadOf,
} from '@compliance/contracts';
import { BusContext, claimMessage } from '@compliance/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';

import { ACCESS_REVIEW_SCHEMA } from '../migrations/access-review.migrations';
import { ACCESS_REVIEW_DATA_SOURCE } from '../support/access-review.tokens';
import { identityProjector } from './identity-projector';
import { ReviewerEmails } from './reviewer-emails';

const CONSUMER = 'identity-projection';

/**
 * Keeps the identity projection from the CRM's events. The company is the sender's;
 * the inbox makes a redelivered event a no-op.
 */
@Controller()
export class IdentityEventsController {
  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly emails: ReviewerEmails,
  ) {}

  @EventPattern(identityUserCreated.subject)
  async userCreated(
    @Payload() event: PayloadOf<typeof identityUserCreated>,
    @Ctx() context: BusContext,
  ) {
    const sealedEmail = await this.emails.seal(context.companyId, event.userId, event.email);

    return this.once(context, (manager) =>
      identityProjector.userCreated(manager, context.companyId, event, sealedEmail),
    );
  }

  @EventPattern(identityUserDeactivated.subject)
  userDeactivated(
    @Payload() event: PayloadOf<typeof identityUserDeactivated>,
    @Ctx() context: BusContext,
  ) {
    return this.once(context, (manager) =>
      identityProjector.userDeactivated(manager, context.companyId, event),
    );
  }

  @EventPattern(identityUserActive.subject)
  userActive(@Payload() event: PayloadOf<typeof identityUserActive>, @Ctx() context: BusContext) {
    return this.once(context, (manager) =>
      identityProjector.userActive(manager, context.companyId, event),
    );
  }

  @EventPattern(identityRoleGranted.subject)
  roleGranted(@Payload() event: PayloadOf<typeof identityRoleGranted>, @Ctx() context: BusContext) {
    return this.once(context, (manager) =>
      identityProjector.roleGranted(manager, context.companyId, event),
    );
  }

  @EventPattern(identityRoleRevoked.subject)
  roleRevoked(@Payload() event: PayloadOf<typeof identityRoleRevoked>, @Ctx() context: BusContext) {
    return this.once(context, (manager) =>
      identityProjector.roleRevoked(manager, context.companyId, event),
    );
  }

  @EventPattern(identityManagerSet.subject)
  managerSet(@Payload() event: PayloadOf<typeof identityManagerSet>, @Ctx() context: BusContext) {
    return this.once(context, (manager) =>
      identityProjector.managerSet(manager, context.companyId, event),
    );
  }

  private async once(
    context: BusContext,
    apply: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const messageId = context.messageId ?? '';

      if (await claimMessage(manager, ACCESS_REVIEW_SCHEMA, CONSUMER, messageId)) {
        await apply(manager);
      }
    });
  }
}
