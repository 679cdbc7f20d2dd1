import { recordAudit } from '@compliance/audit';
import {
  AccessReview,
  accessReviewOpened,
  AuthContext,
  ServiceError,
  startAccessReview,
  RequestOf,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { addToOutbox } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { DetectedItem, detectStaleAccess } from '../detection/stale-access.detector';
import { ACCESS_REVIEW_SCHEMA } from '../migrations/access-review.migrations';
import { ReviewNotifier } from '../notifications/review-notifier.service';
import { loadReviewSettings } from '../settings/review-settings.store';
import {
  ACCESS_REVIEW_DATA_SOURCE,
  ACCESS_REVIEW_OUTBOX,
  Clock,
  OutboxNudge,
  REVIEW_CLOCK,
} from '../support/access-review.tokens';
import { actorLabel } from '../support/system-auth';
import {
  INSERT_ITEMS,
  INSERT_REVIEW,
  INSERT_SNAPSHOT,
  LOCK_PERIOD,
  SELECT_REVIEW_ID_BY_PERIOD,
} from './campaign.queries';
import { describeReview } from './review-reader';
import { addDays, quarterOf } from './review-period';

export type StartRequest = RequestOf<typeof startAccessReview>;

export interface StartResult {
  created: boolean;
  review: AccessReview;
}

/**
 * Opens a company's campaign for a period: the access snapshot, the detected items and
 * their reviewers, all in one transaction. A period has one campaign whoever asks and
 * however many replicas race for it: the second start answers the first's campaign.
 */
@Injectable()
export class CampaignStarter {
  private readonly logger = createLogger(CampaignStarter.name);

  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ACCESS_REVIEW_OUTBOX) private readonly outbox: OutboxNudge,
    @Inject(REVIEW_CLOCK) private readonly clock: Clock,
    private readonly notifier: ReviewNotifier,
  ) {}

  async start(request: StartRequest, auth: AuthContext): Promise<StartResult> {
    const now = this.clock.now();
    const period = request.period ?? quarterOf(now);

    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_PERIOD, [auth.companyId, period]);

      const existing: { id: string }[] = await manager.query(SELECT_REVIEW_ID_BY_PERIOD, [
        auth.companyId,
        period,
      ]);

      if (existing[0]) {
        return { created: false, id: existing[0].id };
      }

      return { created: true, id: await this.open(manager, request, period, now, auth) };
    });

    if (outcome.created) {
      this.outbox.nudge();
      this.logger.info({ reviewId: outcome.id, period }, 'access review opened');
      await this.notifier.notifyReview(outcome.id, now);
    }

    const review = await describeReview(this.dataSource.manager, outcome.id, auth.companyId);
    return { created: outcome.created, review };
  }

  private async open(
    manager: EntityManager,
    request: StartRequest,
    period: string,
    now: Date,
    auth: AuthContext,
  ): Promise<string> {
    const settings = await loadReviewSettings(manager, auth.companyId);
    const dueAt = request.dueAt ? new Date(request.dueAt) : addDays(now, settings.reviewDays);

    if (dueAt.getTime() <= now.getTime()) {
      throw ServiceError.badRequest('the due date must be in the future', [
        { path: 'dueAt', message: 'must be later than now', found: request.dueAt },
      ]);
    }

    const [{ id }]: { id: string }[] = await manager.query(INSERT_REVIEW, [
      auth.companyId,
      period,
      request.trigger,
      actorLabel(auth),
      now,
      dueAt,
      settings.undecidedAction,
    ]);

    await manager.query(INSERT_SNAPSHOT, [id, auth.companyId]);
    const items = await detectStaleAccess(manager, auth.companyId, settings, now);
    await insertItems(manager, auth.companyId, id, items);

    await addToOutbox(
      manager,
      ACCESS_REVIEW_SCHEMA,
      accessReviewOpened,
      { reviewId: id, period, items: items.length },
      auth,
    );
    await recordAudit(manager, {
      companyId: auth.companyId,
      actor: auth.actor,
      action: 'access-review.opened',
      resourceType: 'access-review',
      resourceId: id,
      outcome: 'success',
      requestId: auth.requestId,
      details: {
        period,
        trigger: request.trigger,
        items: items.length,
        dueAt: dueAt.toISOString(),
      },
    });
    await recordUnassigned(manager, auth, id, items);

    return id;
  }
}

async function insertItems(
  manager: EntityManager,
  companyId: string,
  reviewId: string,
  items: DetectedItem[],
): Promise<void> {
  // Bounded batches keep each statement's arrays a reasonable size for big companies.
  for (let start = 0; start < items.length; start += 10_000) {
    const batch = items.slice(start, start + 10_000);

    await manager.query(INSERT_ITEMS, [
      companyId,
      reviewId,
      batch.map((item) => item.userId),
      batch.map((item) => item.role),
      batch.map((item) => item.reasons.join(',')),
      batch.map((item) => item.reviewerId),
      batch.map((item) => item.source),
    ]);
  }
}

/**
 * Items with no possible reviewer (no active manager, no other admin) would otherwise wait
 * unseen until the due date; the trail says so at once, and the report lists them.
 */
async function recordUnassigned(
  manager: EntityManager,
  auth: AuthContext,
  reviewId: string,
  items: DetectedItem[],
): Promise<void> {
  const unassigned = items.filter((item) => item.reviewerId === null);

  if (unassigned.length === 0) {
    return;
  }

  await recordAudit(manager, {
    companyId: auth.companyId,
    actor: auth.actor,
    action: 'access-review.items-unassigned',
    resourceType: 'access-review',
    resourceId: reviewId,
    outcome: 'failure',
    requestId: auth.requestId,
    details: {
      items: unassigned.length,
      // Ids only; a long list is cut, the report has every item.
      userIds: [...new Set(unassigned.map((item) => item.userId))].slice(0, 100),
    },
  });
}
