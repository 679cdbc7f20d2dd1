import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  exportAccessReviewReport,
  readAccessReviewReportPage,
  ResponseOf,
  ServiceError,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { describeReview } from '../campaigns/review-reader';
import { ItemRow, toStaleAccessItem } from '../decisions/stale-access.mapper';
import { ACCESS_REVIEW_DATA_SOURCE, Clock, REVIEW_CLOCK } from '../support/access-review.tokens';
import { removeExpiredReportExportsOf } from './report-export-expiry';
import {
  INSERT_REPORT_EXPORT,
  INSERT_REPORT_PAGES,
  SELECT_REPORT_PAGE,
} from './report-export.queries';
import { splitPages } from './report-pages';
import { SELECT_REPORT_ITEMS, SELECT_REVIEWER_FIGURES, SELECT_SNAPSHOT } from './report.queries';
import { reportText, ReviewReport, SnapshotRole, textHash, unassignedItems } from './review-report';

/** How long an export's pages can be read: a download, or a slow one resumed. */
export const REPORT_EXPORT_MINUTES = 60;
/** Pages per insert, so one statement carries a few MiB, never the whole report. */
const PAGES_PER_INSERT = 16;

interface SnapshotRow {
  user_id: string;
  manager_id: string | null;
  created_at: Date | null;
  deactivated_at: Date | null;
  last_active_at: Date | null;
  roles: SnapshotRole[];
}

export type ReportExport = ResponseOf<typeof exportAccessReviewReport>;

/**
 * The evidence of one campaign. An export is rendered once from one consistent read, its
 * hash written to the audit trail, and its text kept in pages that each fit a bus message,
 * so a report of any size reaches the client whole and exactly as it was hashed.
 */
@Injectable()
export class ReviewReportService {
  private readonly logger = createLogger(ReviewReportService.name);

  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REVIEW_CLOCK) private readonly clock: Clock,
  ) {}

  async export(id: string, format: 'json' | 'csv', auth: AuthContext): Promise<ReportExport> {
    // One snapshot of the database for every part, so a decision taken meanwhile cannot
    // leave the items disagreeing with the completion figures.
    const report = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      this.build(id, auth, manager),
    );
    const text = reportText(report, format);
    const contentHash = textHash(text);
    const bytes = Buffer.byteLength(text, 'utf8');
    const pages = splitPages(text);
    const generatedAt = this.clock.now();
    const expiresAt = new Date(generatedAt.getTime() + REPORT_EXPORT_MINUTES * 60_000);

    // The company's own expired exports go first, audited; the daily job removes the rest.
    await removeExpiredReportExportsOf(this.dataSource, auth.companyId, generatedAt);

    const exportId = await this.dataSource.transaction(async (manager) => {
      const [row]: { id: string }[] = await manager.query(INSERT_REPORT_EXPORT, [
        auth.companyId,
        id,
        format,
        contentHash,
        bytes,
        pages.length,
        generatedAt,
        expiresAt,
      ]);

      for (let start = 0; start < pages.length; start += PAGES_PER_INSERT) {
        const batch = pages.slice(start, start + PAGES_PER_INSERT);
        await manager.query(INSERT_REPORT_PAGES, [row.id, start, batch]);
      }

      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'access-review.report-exported',
        resourceType: 'access-review',
        resourceId: id,
        outcome: 'success',
        requestId: auth.requestId,
        details: { format, contentHash, items: report.items.length, bytes, exportId: row.id },
      });
      return row.id;
    });

    this.logger.info(
      { reviewId: id, exportId, format, bytes, pages: pages.length },
      'access review report exported',
    );
    return {
      exportId,
      reviewId: id,
      format,
      generatedAt: generatedAt.toISOString(),
      contentHash,
      bytes,
      pages: pages.length,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async page(
    exportId: string,
    page: number,
    auth: AuthContext,
  ): Promise<ResponseOf<typeof readAccessReviewReportPage>> {
    const rows: { content: string; pages: number }[] = await this.dataSource.query(
      SELECT_REPORT_PAGE,
      [exportId, auth.companyId, page, this.clock.now()],
    );

    // One answer for unknown, expired, past the end and another company's.
    if (!rows[0]) {
      throw ServiceError.notFound('report export page');
    }

    return { content: rows[0].content, next: page + 1 < rows[0].pages ? page + 1 : null };
  }

  async build(
    id: string,
    auth: AuthContext,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReviewReport> {
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
