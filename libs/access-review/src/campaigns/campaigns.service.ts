import { recordAudit } from '@compliance/audit';
import { AccessReview, AuthContext, Page, PageQuery, ServiceError } from '@compliance/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ACCESS_REVIEW_DATA_SOURCE, Clock, REVIEW_CLOCK } from '../support/access-review.tokens';
import { updateReturning } from '../support/update-returning';
import { CANCEL_REVIEW, COUNT_REVIEWS, SELECT_REVIEWS, UPDATE_DUE_AT } from './campaign.queries';
import { describeReview, describeReviews, findReviewRow } from './review-reader';
import { ReviewRow } from './review.mapper';

/** Reading campaigns, moving an open one's due date, and cancelling one. */
@Injectable()
export class CampaignsService {
  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REVIEW_CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: PageQuery, auth: AuthContext): Promise<Page<AccessReview>> {
    const rows: ReviewRow[] = await this.dataSource.query(SELECT_REVIEWS, [
      auth.companyId,
      query.limit,
      query.offset,
    ]);
    const [{ total }]: { total: number }[] = await this.dataSource.query(COUNT_REVIEWS, [
      auth.companyId,
    ]);

    return { items: await describeReviews(this.dataSource.manager, rows), total, ...query };
  }

  get(id: string, auth: AuthContext): Promise<AccessReview> {
    return describeReview(this.dataSource.manager, id, auth.companyId);
  }

  async reschedule(id: string, dueAt: string, auth: AuthContext): Promise<AccessReview> {
    if (new Date(dueAt).getTime() <= this.clock.now().getTime()) {
      throw ServiceError.badRequest('the due date must be in the future', [
        { path: 'dueAt', message: 'must be later than now', found: dueAt },
      ]);
    }

    await this.changeOpen(id, auth, UPDATE_DUE_AT, [dueAt], 'access-review.rescheduled', {
      dueAt,
    });
    return this.get(id, auth);
  }

  /** Campaigns are evidence: a cancelled one keeps its snapshot, items and decisions. */
  async cancel(id: string, auth: AuthContext): Promise<AccessReview> {
    await this.changeOpen(id, auth, CANCEL_REVIEW, [this.clock.now()], 'access-review.cancelled');
    return this.get(id, auth);
  }

  private async changeOpen(
    id: string,
    auth: AuthContext,
    sql: string,
    extra: unknown[],
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await findReviewRow(manager, id, auth.companyId);
      const changed = await updateReturning(manager, sql, [id, auth.companyId, ...extra]);

      if (changed.length === 0) {
        throw new ServiceError('conflict', 'only an open access review can change');
      }

      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action,
        resourceType: 'access-review',
        resourceId: id,
        outcome: 'success',
        requestId: auth.requestId,
        details,
      });
    });
  }
}
