import { recordAudit } from '@compliance/audit';
import {
  accessReviewClosed,
  AuthContext,
  previewAccessReviewClose,
  ResponseOf,
  roleRevocationRequested,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { addToOutbox } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { ACCESS_REVIEW_SCHEMA } from '../migrations/access-review.migrations';
import { ReviewNotifier } from '../notifications/review-notifier.service';
import {
  ACCESS_REVIEW_DATA_SOURCE,
  ACCESS_REVIEW_OUTBOX,
  OutboxNudge,
} from '../support/access-review.tokens';
import { systemAuth } from '../support/system-auth';
import { updateReturning } from '../support/update-returning';
import {
  AUTO_KEEP,
  AUTO_REVOKE,
  MARK_ESCALATED,
  SELECT_UNDECIDED,
} from './campaign-closer.queries';
import { CLOSE_REVIEW, SELECT_DUE_REVIEWS_FOR_UPDATE } from './campaign.queries';
import { findReviewRow } from './review-reader';
import { ReviewRow } from './review.mapper';

export type ClosePreview = ResponseOf<typeof previewAccessReviewClose>;

/**
 * Closes campaigns at their due date with the policy's action for undecided items:
 * revoke them (a command per item), keep them, or escalate them to the reviewers'
 * managers. The preview shows the same selection without changing anything.
 */
@Injectable()
export class CampaignCloser {
  private readonly logger = createLogger(CampaignCloser.name);

  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ACCESS_REVIEW_OUTBOX) private readonly outbox: OutboxNudge,
    private readonly notifier: ReviewNotifier,
  ) {}

  async preview(id: string, auth: AuthContext): Promise<ClosePreview> {
    const review = await findReviewRow(this.dataSource.manager, id, auth.companyId);
    const undecided: { id: string; user_id: string; role: string; reviewer_id: string | null }[] =
      await this.dataSource.query(SELECT_UNDECIDED, [id]);

    return {
      reviewId: id,
      dueAt: review.due_at.toISOString(),
      action: review.undecided_action,
      undecided: undecided.length,
      items: undecided.map((item) => ({
        id: item.id,
        userId: item.user_id,
        role: item.role,
        reviewerId: item.reviewer_id,
      })),
    };
  }

  /** Closes every campaign due by `now`, one transaction each; returns how many. */
  async closeDue(now: Date): Promise<number> {
    let closed = 0;

    for (;;) {
      const review = await this.dataSource.transaction((manager) => this.closeNext(manager, now));

      if (!review) {
        return closed;
      }

      closed += 1;
      this.outbox.nudge();

      if (review.undecided_action === 'escalate') {
        await this.notifier.escalate(review.id);
      }
    }
  }

  private async closeNext(manager: EntityManager, now: Date): Promise<ReviewRow | undefined> {
    const [review]: ReviewRow[] = await manager.query(SELECT_DUE_REVIEWS_FOR_UPDATE, [now]);

    if (!review) {
      return undefined;
    }

    const auth = systemAuth(review.company_id, 'access-review-due-date');
    const undecided = await this.applyAction(manager, review, now, auth);

    await manager.query(CLOSE_REVIEW, [review.id, now]);
    await addToOutbox(
      manager,
      ACCESS_REVIEW_SCHEMA,
      accessReviewClosed,
      { reviewId: review.id, action: review.undecided_action, undecided },
      auth,
    );
    await recordAudit(manager, {
      companyId: review.company_id,
      actor: auth.actor,
      action: 'access-review.closed',
      resourceType: 'access-review',
      resourceId: review.id,
      outcome: 'success',
      requestId: auth.requestId,
      details: { action: review.undecided_action, undecided },
    });

    this.logger.info({ reviewId: review.id, undecided }, 'access review closed');
    return review;
  }

  private async applyAction(
    manager: EntityManager,
    review: ReviewRow,
    now: Date,
    auth: AuthContext,
  ): Promise<number> {
    switch (review.undecided_action) {
      case 'revoke': {
        const revoked = await updateReturning<{ id: string; user_id: string; role: string }>(
          manager,
          AUTO_REVOKE,
          [review.id, now],
        );

        for (const item of revoked) {
          await addToOutbox(
            manager,
            ACCESS_REVIEW_SCHEMA,
            roleRevocationRequested,
            {
              commandId: item.id,
              reviewId: review.id,
              userId: item.user_id,
              role: item.role,
              automatic: true,
            },
            auth,
          );
        }

        return revoked.length;
      }
      case 'keep':
        return (await updateReturning(manager, AUTO_KEEP, [review.id, now])).length;
      case 'escalate':
        return (await updateReturning(manager, MARK_ESCALATED, [review.id, now])).length;
    }
  }
}
