import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  identityRoleRevocationConfirmed,
  listStaleAccess,
  Page,
  PayloadOf,
  RequestOf,
  resolveStaleAccess,
  roleRevocationRequested,
  ServiceError,
  StaleAccessItem,
} from '@compliance/contracts';
import { addToOutbox, claimMessage } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ACCESS_REVIEW_SCHEMA } from '../migrations/access-review.migrations';
import { identityProjector } from '../projection/identity-projector';
import {
  ACCESS_REVIEW_DATA_SOURCE,
  ACCESS_REVIEW_OUTBOX,
  Clock,
  OutboxNudge,
  REVIEW_CLOCK,
} from '../support/access-review.tokens';
import { actorLabel } from '../support/system-auth';
import { updateReturning } from '../support/update-returning';
import { ItemRow, toStaleAccessItem } from './stale-access.mapper';
import {
  CONFIRM_REVOCATION,
  DECIDE_ITEM,
  SELECT_ITEM,
  SELECT_ITEM_FOR_UPDATE,
  SELECT_ITEMS,
} from './stale-access.queries';

interface LockedItem {
  review_id: string;
  user_id: string;
  role: string;
  decision: string | null;
  review_status: string;
}

const CONFIRMATION_CONSUMER = 'revocation-confirmation';

/** Reviewers' decisions on items, and the identity module's confirmation of revocations. */
@Injectable()
export class StaleAccessService {
  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ACCESS_REVIEW_OUTBOX) private readonly outbox: OutboxNudge,
    @Inject(REVIEW_CLOCK) private readonly clock: Clock,
  ) {}

  async list(
    query: RequestOf<typeof listStaleAccess>,
    auth: AuthContext,
  ): Promise<Page<StaleAccessItem>> {
    const rows: (ItemRow & { total: number })[] = await this.dataSource.query(SELECT_ITEMS, [
      auth.companyId,
      query.limit,
      query.offset,
      query.reviewId ?? null,
      query.state ?? null,
    ]);

    return {
      items: rows.map(toStaleAccessItem),
      total: rows[0]?.total ?? 0,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * Records a decision once. Revoking sends the identity module its command in the same
   * transaction; the item shows the revocation as pending until the module confirms.
   */
  async resolve(
    request: RequestOf<typeof resolveStaleAccess>,
    auth: AuthContext,
  ): Promise<StaleAccessItem> {
    const justification = request.justification?.trim() || null;

    if (request.decision === 'retained' && !justification) {
      throw ServiceError.badRequest('retaining access needs a justification', [
        { path: 'justification', message: 'required when the decision is retained' },
      ]);
    }

    const now = this.clock.now();

    await this.dataSource.transaction(async (manager) => {
      const [item]: LockedItem[] = await manager.query(SELECT_ITEM_FOR_UPDATE, [
        request.id,
        auth.companyId,
      ]);

      requireDecidable(item, auth);
      await manager.query(DECIDE_ITEM, [
        request.id,
        request.decision,
        justification,
        actorLabel(auth),
        now,
      ]);

      if (request.decision === 'revoked') {
        await addToOutbox(
          manager,
          ACCESS_REVIEW_SCHEMA,
          roleRevocationRequested,
          {
            commandId: request.id,
            reviewId: item.review_id,
            userId: item.user_id,
            role: item.role,
            automatic: false,
          },
          auth,
        );
      }

      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'access-review.item-resolved',
        resourceType: 'stale-access',
        resourceId: request.id,
        outcome: 'success',
        requestId: auth.requestId,
        details: {
          reviewId: item.review_id,
          userId: item.user_id,
          role: item.role,
          decision: request.decision,
          justified: justification !== null,
        },
      });
    });

    this.outbox.nudge();
    return this.get(request.id);
  }

  /** The identity module's answer to a revocation command, handled once per message. */
  async confirmRevocation(
    event: PayloadOf<typeof identityRoleRevocationConfirmed>,
    auth: AuthContext,
    messageId: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimMessage(manager, ACCESS_REVIEW_SCHEMA, CONFIRMATION_CONSUMER, messageId))) {
        return;
      }

      const status = event.outcome === 'revoked' ? 'confirmed' : 'failed';
      const updated = await updateReturning<{ review_id: string }>(manager, CONFIRM_REVOCATION, [
        event.commandId,
        auth.companyId,
        status,
        event.confirmedAt,
        event.outcome === 'failed' ? (event.reason ?? 'the identity module refused') : null,
      ]);

      if (event.outcome === 'revoked') {
        await identityProjector.roleRevoked(manager, auth.companyId, {
          userId: event.userId,
          role: event.role,
          revokedAt: event.confirmedAt,
        });
      }

      // An answer to a command that is not ours, or not pending, changes nothing.
      if (updated[0]) {
        await recordAudit(manager, {
          companyId: auth.companyId,
          actor: auth.actor,
          action: 'access-review.revocation-confirmed',
          resourceType: 'stale-access',
          resourceId: event.commandId,
          outcome: status === 'confirmed' ? 'success' : 'failure',
          requestId: auth.requestId,
          details: { reviewId: updated[0].review_id, outcome: event.outcome },
        });
      }
    });
  }

  private async get(id: string): Promise<StaleAccessItem> {
    const [row]: ItemRow[] = await this.dataSource.query(SELECT_ITEM, [id]);
    return toStaleAccessItem(row);
  }
}

function requireDecidable(item: LockedItem | undefined, auth: AuthContext): asserts item {
  if (!item) {
    throw ServiceError.notFound('stale access item');
  }

  if (auth.actor.type === 'user' && auth.actor.id === item.user_id) {
    throw new ServiceError('forbidden', 'nobody reviews their own access');
  }

  if (item.review_status === 'cancelled') {
    throw new ServiceError('conflict', 'the access review was cancelled');
  }

  if (item.decision !== null) {
    throw new ServiceError('conflict', `the item was already ${item.decision}`);
  }
}
