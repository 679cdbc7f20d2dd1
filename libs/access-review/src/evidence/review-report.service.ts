import { recordAudit } from '@compliance/audit';
import { accessReviewReport, AuthContext, ResponseOf } from '@compliance/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { describeReview } from '../campaigns/review-reader';
import { ItemRow, toStaleAccessItem } from '../decisions/stale-access.mapper';
import { ACCESS_REVIEW_DATA_SOURCE, Clock, REVIEW_CLOCK } from '../support/access-review.tokens';
import { SELECT_REPORT_ITEMS, SELECT_REVIEWER_FIGURES, SELECT_SNAPSHOT } from './report.queries';
import {
  reportCsv,
  reportHash,
  ReviewReport,
  SnapshotRole,
  textHash,
  unassignedItems,
} from './review-report';

interface SnapshotRow {
  user_id: string;
  manager_id: string | null;
  created_at: Date | null;
  deactivated_at: Date | null;
  last_active_at: Date | null;
  roles: SnapshotRole[];
}

/**
 * The evidence of one campaign. Its hash is written to the audit trail each time it is
 * exported, so a copy shown later can be checked against what was handed over.
 */
@Injectable()
export class ReviewReportService {
  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REVIEW_CLOCK) private readonly clock: Clock,
  ) {}

  async export(
    id: string,
    format: 'json' | 'csv',
    auth: AuthContext,
  ): Promise<ResponseOf<typeof accessReviewReport>> {
    const report = await this.build(id, auth);
    const csv = format === 'csv' ? reportCsv(report) : undefined;
    const contentHash = csv === undefined ? reportHash(report) : textHash(csv);

    await this.dataSource.transaction((manager) =>
      recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'access-review.report-exported',
        resourceType: 'access-review',
        resourceId: id,
        outcome: 'success',
        requestId: auth.requestId,
        details: { format, contentHash, items: report.items.length },
      }),
    );

    return {
      format,
      generatedAt: this.clock.now().toISOString(),
      contentHash,
      content: csv ?? report,
    };
  }

  // TODO(large reports): the report travels as one bus reply; a company of many thousand
  // users can pass NATS's 1 MB message limit, and would need the report streamed or paged.
  async build(id: string, auth: AuthContext): Promise<ReviewReport> {
    const manager = this.dataSource.manager;
    const review = await describeReview(manager, id, auth.companyId);
    const snapshot: SnapshotRow[] = await manager.query(SELECT_SNAPSHOT, [id]);
    const items: ItemRow[] = await manager.query(SELECT_REPORT_ITEMS, [id]);
    const reviewers: { reviewer_id: string; items: number; decided: number }[] =
      await manager.query(SELECT_REVIEWER_FIGURES, [id]);
    const reportItems = items.map(toStaleAccessItem);

    return {
      review,
      reviewers: reviewers.map((row) => ({
        reviewerId: row.reviewer_id,
        items: row.items,
        decided: row.decided,
      })),
      snapshot: snapshot.map((row) => ({
        userId: row.user_id,
        managerId: row.manager_id,
        createdAt: row.created_at?.toISOString() ?? null,
        deactivatedAt: row.deactivated_at?.toISOString() ?? null,
        lastActiveAt: row.last_active_at?.toISOString() ?? null,
        roles: row.roles,
      })),
      items: reportItems,
      unassigned: unassignedItems(reportItems),
    };
  }
}
