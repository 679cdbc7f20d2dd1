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
import { ReviewSettings } from '../settings/review-settings';
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
import { addDays, opensPeriod, periodOf, ReviewCadence } from './review-period';

export type StartRequest = RequestOf<typeof startAccessReview>;

export interface StartResult {
  created: boolean;
  review: AccessReview;
}

/** A scheduled start: the period's campaign, or why none is due on this date. */
export type ScheduledStart =
  ({ due: true } & StartResult) | { due: false; period: string; cadence: ReviewCadence };

interface DueClaim {
  due: true;
  created: boolean;
  id: string;
  period: string;
  now: Date;
}

type Claim = DueClaim | { due: false; period: string; cadence: ReviewCadence };

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

  /** Opens the requested period, or the current one of the company's cadence. */
  async start(request: StartRequest, auth: AuthContext): Promise<StartResult> {
    return this.finish(await this.claim(request, auth, false), auth);
  }

  /**
   * What the schedule and the CLI ask: the current period of the company's cadence, opened
   * only in that period's first month, so a monthly schedule serves every cadence.
   */
  async startScheduled(trigger: 'cli' | 'schedule', auth: AuthContext): Promise<ScheduledStart> {
    const claim = await this.claim({ trigger }, auth, true);

    if (!claim.due) {
      return claim;
    }

    return { due: true, ...(await this.finish(claim, auth)) };
  }

  private claim(request: StartRequest, auth: AuthContext, onlyWhenDue: false): Promise<DueClaim>;
  private claim(request: StartRequest, auth: AuthContext, onlyWhenDue: true): Promise<Claim>;
  private async claim(
    request: StartRequest,
    auth: AuthContext,
    onlyWhenDue: boolean,
  ): Promise<Claim> {
    const now = this.clock.now();

    return this.dataSource.transaction(async (manager) => {
      const settings = await loadReviewSettings(manager, auth.companyId);
      const period = request.period ?? periodOf(settings.cadence, now);

      if (onlyWhenDue && !opensPeriod(settings.cadence, now)) {
        return { due: false, period, cadence: settings.cadence };
      }

      await manager.query(LOCK_PERIOD, [auth.companyId, period]);

      const existing: { id: string }[] = await manager.query(SELECT_REVIEW_ID_BY_PERIOD, [
        auth.companyId,
        period,
      ]);

      if (existing[0]) {
        return { due: true, created: false, id: existing[0].id, period, now };
      }

      const id = await this.open(manager, request, settings, period, now, auth);
      return { due: true, created: true, id, period, now };
    });
  }

  private async finish(claim: DueClaim, auth: AuthContext): Promise<StartResult> {
    if (claim.created) {
      this.outbox.nudge();
      this.logger.info({ reviewId: claim.id, period: claim.period }, 'access review opened');
      await this.notifier.notifyReview(claim.id, claim.now);
    }

    const review = await describeReview(this.dataSource.manager, claim.id, auth.companyId);
    return { created: claim.created, review };
  }

  private async open(
    manager: EntityManager,
    request: StartRequest,
    settings: ReviewSettings,
    period: string,
    now: Date,
    auth: AuthContext,
  ): Promise<string> {
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
